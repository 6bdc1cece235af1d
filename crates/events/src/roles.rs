//! Roles: who acts on whom around a trigger, and whether it happened.

use crate::actors::Found;
use crate::coder::{Coder, Trigger};
use crate::dictionary::Roles;
use crate::grammar::*;
use crate::tokens::Token;
use crate::types::{Actor, Event, EventType};

impl Coder {
    /// The events a trigger makes: one per source (conjoined sources each act).
    pub(crate) fn roles(
        &self,
        sentence: &str,
        tokens: &[Token],
        actors: &[Found],
        t: &Trigger,
    ) -> Vec<Event> {
        let clause_start = (0..t.first)
            .rev()
            .find(|&k| CLAUSE_END.contains(&tokens[k].lower.as_str()))
            .map_or(0, |k| k + 1);
        let clause_end = (t.last + 1..tokens.len())
            .find(|&k| CLAUSE_END.contains(&tokens[k].lower.as_str()))
            .unwrap_or(tokens.len());
        // Names inside parentheses the trigger is not in are asides.
        let depth = tokens[..t.first]
            .iter()
            .fold(0usize, |d, tok| match tok.lower.as_str() {
                "(" => d + 1,
                ")" => d.saturating_sub(1),
                _ => d,
            });
        let before: Vec<&Found> = actors
            .iter()
            .filter(|a| a.last < t.first && a.first >= clause_start && a.depth <= depth)
            .collect();
        // After the trigger, or inside a light verb's span ("give Tanzania a grant").
        let after: Vec<&Found> = actors
            .iter()
            .filter(|a| a.first > t.first && a.last < clause_end && a.depth <= depth)
            .collect();
        let by_actor = after.iter().copied().find(|a| {
            a.first >= 1 && tokens[a.first - 1].lower == "by"
                || a.first >= 2
                    && tokens[a.first - 2].lower == "by"
                    && tokens[a.first - 1].lower == "the"
        });
        let (sources, target): (Vec<&Found>, Option<&Found>) = match t.roles {
            Roles::Into => (
                after.first().copied().into_iter().collect(),
                before.last().copied(),
            ),
            Roles::Noun => {
                let of_target = after.iter().copied().find(|a| {
                    (t.last + 1..a.first).all(|k| {
                        matches!(
                            tokens[k].lower.as_str(),
                            "of" | "the" | "to" | "with" | "between"
                        )
                    }) && a.first > t.last + 1
                });
                // "Stalin's absorption", "the Soviet occupation", "Japan's withdrawal".
                let owner = before.last().copied().filter(|a| {
                    (a.last + 1..t.first).all(|k| {
                        matches!(tokens[k].lower.as_str(), "'s" | "the") || k + 2 >= t.first
                    }) && t.first - a.last <= 3
                });
                let source = by_actor.or(owner);
                (
                    source.into_iter().collect(),
                    of_target.filter(|a| Some(*a as *const _) != by_actor.map(|b| b as *const _)),
                )
            }
            Roles::Pair => {
                // "the Russo-Japanese War": two names right before the word.
                let adjacent: Vec<&Found> = before.iter().rev().take(2).copied().collect();
                let between = |a: &Found| after.iter().copied().find(|x| x.first > a.last);
                if let [second, first] = adjacent[..] {
                    let close = second.last + 1 == t.first
                        || (second.last + 2 == t.first
                            && matches!(
                                tokens[second.last + 1].lower.as_str(),
                                "border" | "frontier"
                            ));
                    if close && first.last + 2 >= second.first {
                        return self.events(
                            sentence,
                            tokens,
                            t,
                            vec![first],
                            Some(second),
                            clause_start,
                            clause_end,
                        );
                    }
                }
                let next_word = tokens.get(t.last + 1).map(|x| x.lower.as_str());
                match (next_word, after.first().copied()) {
                    (Some("between"), Some(a)) => (vec![a], between(a)),
                    (Some("with" | "against" | "on"), Some(a)) => {
                        let subject = before.iter().rev().copied().find(|x| !x.object);
                        (subject.into_iter().collect(), Some(a))
                    }
                    _ => (Vec::new(), None),
                }
            }
            Roles::Active if t.passive => match by_actor {
                Some(by) => (vec![by], before.last().copied()),
                // "was arrested in Lebanon": the state where it was done did it.
                None => match (after.first().copied(), before.last().copied()) {
                    (Some(a), target) => (vec![a], target),
                    (None, _) => (Vec::new(), None),
                },
            },
            Roles::Active => {
                // "in order to occupy": a purpose takes the main clause's subject.
                let purpose = t.first >= 3
                    && matches!(
                        (
                            tokens[t.first - 3].lower.as_str(),
                            tokens[t.first - 2].lower.as_str()
                        ),
                        ("in", "order") | ("so", "as")
                    )
                    && tokens[t.first - 1].lower == "to";
                let subject = if purpose {
                    before.iter().find(|a| !a.object)
                } else {
                    before.iter().rev().find(|a| !a.object)
                };
                let Some(&subject) = subject else {
                    // A subject the gazetteer does not know ("Demonstrators", "the APEC
                    // forum"): the words before the verb, coded by a sector word if any.
                    let Some(unknown) =
                        self.unknown_subject(sentence, tokens, &before, t.first, clause_start)
                    else {
                        return Vec::new();
                    };
                    let target = after.first().copied();
                    return self.events_unknown(
                        sentence,
                        tokens,
                        t,
                        unknown,
                        target,
                        clause_start,
                        clause_end,
                    );
                };
                // Conjoined subjects: "the United States and Jordan", "Britain, France and Italy".
                let mut subjects = vec![subject];
                let mut cur = subject;
                while let Some(&prev) = before
                    .iter()
                    .rev()
                    .find(|a| a.last < cur.first && !a.object)
                {
                    let between: Vec<&str> = (prev.last + 1..cur.first)
                        .map(|k| tokens[k].lower.as_str())
                        .collect();
                    if matches!(
                        between.as_slice(),
                        ["and"] | [","] | [",", "and"] | ["and", "the"] | [",", "the"]
                    ) {
                        subjects.insert(0, prev);
                        cur = prev;
                    } else {
                        break;
                    }
                }
                (subjects, after.first().copied())
            }
        };
        self.events(
            sentence,
            tokens,
            t,
            sources,
            target,
            clause_start,
            clause_end,
        )
    }

    /// The words before a trigger that name its subject when no known actor does.
    fn unknown_subject(
        &self,
        sentence: &str,
        tokens: &[Token],
        actors: &[&Found],
        trigger: usize,
        clause_start: usize,
    ) -> Option<Actor> {
        let mut end = trigger;
        // "A member of parliament, Mohammed Mamoun, started …": skip the apposition.
        if end > clause_start
            && tokens[end - 1].lower == ","
            && let Some(open) = (clause_start..end - 1)
                .rev()
                .take(8)
                .find(|&k| tokens[k].lower == ",")
        {
            end = open;
        }
        while end > clause_start
            && (AUXILIARIES.contains(&tokens[end - 1].lower.as_str())
                || BE.contains(&tokens[end - 1].lower.as_str())
                || tokens[end - 1].lower.ends_with("ly"))
        {
            end -= 1;
        }
        // The noun phrase: back to the clause start, a comma, or at most six words.
        let mut start = end;
        while start > clause_start && end - start < 10 && tokens[start - 1].lower != "," {
            start -= 1;
        }
        let words: Vec<&Token> = tokens[start..end]
            .iter()
            .skip_while(|t| matches!(t.lower.as_str(), "the" | "a" | "an" | "some"))
            .collect();
        let (first, last) = (words.first()?, words.last()?);
        let code = words
            .iter()
            .find_map(|t| {
                self.dict
                    .sectors
                    .get(&t.lower)
                    .and_then(|l| l.iter().find(|(rest, _)| rest.is_empty()))
                    .map(|(_, c)| c.clone())
            })
            .unwrap_or_default();
        // "Rebels in the Ivory Coast", "a group of Moroccan diplomats": a state named inside
        // the phrase is the actor's state.
        let inside = actors
            .iter()
            .find(|a| a.first >= start && a.last < end && a.actor.code.len() >= 3);
        let (code, name, entity) = match inside {
            Some(a) => (
                format!("{}{}", &a.actor.code[..3], code),
                a.actor.name.clone(),
                a.actor.entity.clone(),
            ),
            None => (code, String::new(), String::new()),
        };
        Some(Actor {
            text: sentence[first.start..last.end].to_string(),
            start: first.start,
            end: last.end,
            code,
            name,
            entity,
        })
    }

    /// The events of a trigger whose subject the gazetteer does not know.
    #[allow(clippy::too_many_arguments)]
    fn events_unknown(
        &self,
        sentence: &str,
        tokens: &[Token],
        t: &Trigger,
        source: Actor,
        target: Option<&Found>,
        clause_start: usize,
        clause_end: usize,
    ) -> Vec<Event> {
        let said = self.said(sentence, tokens, t, clause_start, clause_end);
        vec![said.event(source, target.map(|x| x.actor.clone()))]
    }

    /// What a trigger says, whoever its actors: type, mode, words, polarity, rule.
    fn said(
        &self,
        sentence: &str,
        tokens: &[Token],
        t: &Trigger,
        clause_start: usize,
        clause_end: usize,
    ) -> Said {
        let (negated, kind, rule) = self.polarity(tokens, t, clause_start, clause_end);
        let (kind, rule) = irregular(tokens, t, kind, rule);
        let (start, end) = (tokens[t.first].start, tokens[t.last].end);
        Said {
            kind,
            mode: t.mode.clone(),
            trigger: sentence[start..end].to_string(),
            start,
            end,
            negated,
            rule,
        }
    }

    /// The events of a trigger with its sources and target.
    #[allow(clippy::too_many_arguments)]
    fn events(
        &self,
        sentence: &str,
        tokens: &[Token],
        t: &Trigger,
        sources: Vec<&Found>,
        target: Option<&Found>,
        clause_start: usize,
        clause_end: usize,
    ) -> Vec<Event> {
        if sources.is_empty() {
            return Vec::new();
        }
        let said = self.said(sentence, tokens, t, clause_start, clause_end);
        // Two sides that act together with no object act on each other ("Japan and China
        // signed a treaty").
        let pair: Vec<&Found> = if target.is_none() && sources.len() == 2 {
            vec![sources[1], sources[0]]
        } else {
            Vec::new()
        };
        sources
            .into_iter()
            .enumerate()
            .map(|(n, s)| {
                let target = pair.get(n).copied().or(target);
                let target = target
                    .filter(|x| x.actor.code != s.actor.code || x.actor.entity != s.actor.entity)
                    .map(|x| x.actor.clone());
                said.event(s.actor.clone(), target)
            })
            .collect()
    }

    /// The event's polarity: negated, or, when an actor declines to cooperate ("will not
    /// accept", "did not recognize"), a REJECT. What was prevented or failed stays negated.
    fn polarity(
        &self,
        tokens: &[Token],
        t: &Trigger,
        clause_start: usize,
        clause_end: usize,
    ) -> (bool, EventType, String) {
        if !self.negated(tokens, t, clause_start, clause_end) {
            return (false, t.kind, t.rule.clone());
        }
        let lo = t.first.saturating_sub(4).max(clause_start);
        // "failed to reach agreement" is a rejection in PLOVER; what another actor prevented
        // or blocked did not happen.
        let prevented = tokens[lo..t.first]
            .iter()
            .any(|w| PREVENTERS.contains(&w.lower.as_str()) && !w.lower.starts_with("fail"));
        let cooperative = matches!(
            t.kind,
            EventType::Agree
                | EventType::Consult
                | EventType::Support
                | EventType::Concede
                | EventType::Cooperate
                | EventType::Aid
                | EventType::Retreat
        );
        if cooperative && !prevented {
            let rule = format!("{}; declined: {} → REJECT", t.rule, t.kind);
            return (false, EventType::Reject, rule);
        }
        (true, t.kind, t.rule.clone())
    }

    /// "did not sign", "never recognized", "failed to conclude", "prevented the conclusion of";
    /// not "did not leave until 1922" (a date, not a negation).
    fn negated(
        &self,
        tokens: &[Token],
        t: &Trigger,
        clause_start: usize,
        clause_end: usize,
    ) -> bool {
        let lo = t.first.saturating_sub(4).max(clause_start);
        let window: Vec<&str> = (lo..t.first).map(|k| tokens[k].lower.as_str()).collect();
        let negator = window.iter().any(|w| NEGATORS.contains(w));
        let preventer = window.iter().any(|w| PREVENTERS.contains(w));
        let until = (t.last + 1..clause_end)
            .any(|k| tokens[k].lower == "until" || tokens[k].lower == "till");
        (negator && !until) || preventer
    }
}

/// What a trigger says, before its actors are given.
struct Said {
    kind: EventType,
    mode: Option<String>,
    trigger: String,
    start: usize,
    end: usize,
    negated: bool,
    rule: String,
}

impl Said {
    fn event(&self, source: Actor, target: Option<Actor>) -> Event {
        Event {
            source,
            target,
            kind: self.kind,
            mode: self.mode.clone(),
            trigger: self.trigger.clone(),
            trigger_start: self.start,
            trigger_end: self.end,
            negated: self.negated,
            rule: self.rule.clone(),
        }
    }
}
