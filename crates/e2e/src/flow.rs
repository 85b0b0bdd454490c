//! Steps several scenarios share.

use fantoccini::Client;

use crate::check::{self, eventually, expect};
use crate::harness::Lab;
use crate::{action, find, Result};

/// The customer's nickname in every scenario.
pub const CUSTOMER: &str = "Maria";

/// Opens `agent`'s demo page on `session` in a new browser and accepts the offer; done
/// when the agent and the customer are in the roster and the agent can write.
pub async fn open_and_accept(lab: &mut Lab, agent: &str, session: &str) -> Result<Client> {
    let client = lab.browser().await?;
    action::open_session(&client, &lab.page(agent, Some(session))).await?;
    eventually(
        "the widget is connected (no [data-connection] banner)",
        async || {
            let banner = find::connection(&client).await?;
            expect(banner.is_none(), || format!("banner {banner:?}"))
        },
    )
    .await?;
    crate::axe::check(&client, "a session offered", ".gws-sms").await?;
    action::press(&client, "Accept").await?;
    check::roster_has(&client, CUSTOMER, "Customer").await?;
    eventually(format!("{agent} is in the roster as You"), async || {
        let rows = find::roster(&client).await?;
        expect(rows.iter().any(|p| p.role == "You"), || {
            format!("roster {rows:?}")
        })
    })
    .await?;
    eventually("the agent can send", async || {
        expect(find::send_enabled(&client).await?, || {
            "Send is aria-disabled".to_owned()
        })
    })
    .await?;
    Ok(client)
}

/// Consults `agent` (a simulated one, who accepts by themselves) through the picker;
/// done when the roster shows them consulting. Their nickname.
pub async fn consult_simulated(lab: &Lab, client: &Client, agent: &str) -> Result<String> {
    let nickname = lab.control.nickname(agent).await?;
    action::pick_target(client, "Consult", agent, agent).await?;
    check::roster_has(client, &nickname, "Consulting agent").await?;
    Ok(nickname)
}
