//! Who a message goes to, and the operations that address them.

use super::AgentAction;
use crate::i18n::Msg;

/// Who a message goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// `SendMessage`: the customer's phone, and the agents.
    Customer,
    /// `SendToAgents`: never reaches the customer.
    Agents,
}

impl Audience {
    pub fn send_action(self) -> AgentAction {
        match self {
            Audience::Customer => AgentAction::SendMessage,
            Audience::Agents => AgentAction::SendToAgents,
        }
    }

    pub fn typing_action(self, typing: bool) -> AgentAction {
        match (self, typing) {
            (Audience::Customer, true) => AgentAction::StartTyping,
            (Audience::Customer, false) => AgentAction::StopTyping,
            (Audience::Agents, true) => AgentAction::StartTypingToAgents,
            (Audience::Agents, false) => AgentAction::StopTypingToAgents,
        }
    }

    pub fn msg(self) -> Msg {
        match self {
            Audience::Customer => Msg::ToCustomer,
            Audience::Agents => Msg::ToAgents,
        }
    }

    /// A name that stays the same in every language, for the DOM (`data-audience`).
    pub fn name(self) -> &'static str {
        match self {
            Audience::Customer => "customer",
            Audience::Agents => "agents",
        }
    }
}

/// A message the agent sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub audience: Audience,
    pub text: String,
}
