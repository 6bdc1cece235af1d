//! The values the coder returns.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

/// PLOVER's event types (the 18 of the PLOVER gold-standard records).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EventType {
    /// Agree to, or sign, a settlement, treaty or cooperation.
    Agree,
    /// Meet, visit, negotiate, mediate.
    Consult,
    /// Praise, endorse, recognize.
    Support,
    /// Yield, concede, cede.
    Concede,
    /// Cooperate: establish relations, share, collaborate.
    Cooperate,
    /// Give aid: economic, military, humanitarian.
    Aid,
    /// Withdraw, release, return, de-escalate.
    Retreat,
    /// Investigate.
    Investigate,
    /// Demand, request.
    Demand,
    /// Criticize, accuse, protest officially.
    Disapprove,
    /// Reject, refuse, abrogate.
    Reject,
    /// Threaten.
    Threaten,
    /// Demonstrate, strike, boycott, riot.
    Protest,
    /// Break off relations, impose sanctions or embargoes.
    Sanction,
    /// Mobilize or show force.
    Mobilize,
    /// Coerce: seize, occupy, blockade, arrest, expel.
    Coerce,
    /// Unconventional violence: bombing, assassination, abduction.
    Assault,
    /// Conventional military force: war, invasion, shelling.
    Fight,
}

impl EventType {
    /// Every type, in PLOVER's order.
    pub const ALL: [EventType; 18] = [
        EventType::Agree,
        EventType::Consult,
        EventType::Support,
        EventType::Concede,
        EventType::Cooperate,
        EventType::Aid,
        EventType::Retreat,
        EventType::Investigate,
        EventType::Demand,
        EventType::Disapprove,
        EventType::Reject,
        EventType::Threaten,
        EventType::Protest,
        EventType::Sanction,
        EventType::Mobilize,
        EventType::Coerce,
        EventType::Assault,
        EventType::Fight,
    ];

    /// The upper-case name (`FIGHT`).
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Agree => "AGREE",
            EventType::Consult => "CONSULT",
            EventType::Support => "SUPPORT",
            EventType::Concede => "CONCEDE",
            EventType::Cooperate => "COOPERATE",
            EventType::Aid => "AID",
            EventType::Retreat => "RETREAT",
            EventType::Investigate => "INVESTIGATE",
            EventType::Demand => "DEMAND",
            EventType::Disapprove => "DISAPPROVE",
            EventType::Reject => "REJECT",
            EventType::Threaten => "THREATEN",
            EventType::Protest => "PROTEST",
            EventType::Sanction => "SANCTION",
            EventType::Mobilize => "MOBILIZE",
            EventType::Coerce => "COERCE",
            EventType::Assault => "ASSAULT",
            EventType::Fight => "FIGHT",
        }
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of parsing an event type: the text that is not one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownType(pub String);

impl fmt::Display for UnknownType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not a PLOVER event type (one of: ", self.0)?;
        for (i, t) in EventType::ALL.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(t.as_str())?;
        }
        f.write_str(")")
    }
}

impl std::error::Error for UnknownType {}

impl FromStr for EventType {
    type Err = UnknownType;

    /// Case-insensitive: `fight`, `FIGHT`.
    fn from_str(s: &str) -> Result<EventType, UnknownType> {
        let up = s.trim().to_ascii_uppercase();
        EventType::ALL
            .into_iter()
            .find(|t| t.as_str() == up)
            .ok_or_else(|| UnknownType(s.to_string()))
    }
}

/// One side of an event.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Actor {
    /// The words that name it, as written ("the Japanese government").
    pub text: String,
    /// Byte range of those words in the sentence.
    pub start: usize,
    /// End of that range.
    pub end: usize,
    /// CAMEO-style code: ISO alpha-3 (`JPN`), `SUN` for the Soviet Union, `IGO`/`NGO`, with a
    /// sector suffix when the text gives one (`JPNGOV`, `SUNMIL`).
    pub code: String,
    /// The state's (or organization's) canonical name ("Japan").
    pub name: String,
    /// The gazetteer id of the entity named.
    pub entity: String,
}

/// One event in one sentence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    /// Who acts.
    pub source: Actor,
    /// On whom, when the sentence says.
    pub target: Option<Actor>,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub kind: EventType,
    /// PLOVER mode, where one applies (`visit`, `seize`, `withdraw`).
    pub mode: Option<String>,
    /// The trigger words, as written.
    pub trigger: String,
    /// Byte range of the trigger in the sentence.
    pub trigger_start: usize,
    /// End of that range.
    pub trigger_end: usize,
    /// Whether the sentence says it did not happen ("did not sign", "prevented the conclusion
    /// of").
    pub negated: bool,
    /// The rule that fired: `history: declared war on`, `CAMEO 192 occupy * &town`.
    pub rule: String,
}
