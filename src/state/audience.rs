//! Who a message goes to, and the operations that address them.

use super::AgentAction;

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

    pub fn label(self) -> &'static str {
        match self {
            Audience::Customer => "To customer",
            Audience::Agents => "To agents only",
        }
    }
}

/// A message the agent sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub audience: Audience,
    pub text: String,
}
