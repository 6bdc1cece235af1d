//! robots.txt (RFC 9309): the rules of the group that names areabook, else `*`; longest
//! match wins, `Allow` on a tie; `Crawl-delay` read (capped at 60 s).

use std::time::Duration;

/// The rules of one robots.txt that apply to us.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Robots {
    /// (allow, path pattern), of the group that names us, else of `*`.
    pub(super) rules: Vec<(bool, String)>,
    pub(super) crawl_delay: Option<Duration>,
    /// Set when nothing is allowed because robots.txt could not be read.
    pub(super) denied: Option<String>,
}

impl Robots {
    pub(super) fn allow_all() -> Robots {
        Robots {
            rules: Vec::new(),
            crawl_delay: None,
            denied: None,
        }
    }

    pub(super) fn deny_all(reason: String) -> Robots {
        Robots {
            denied: Some(reason),
            ..Robots::allow_all()
        }
    }

    /// Read a robots.txt for `user_agent` (its product token, `areabook`, is what groups name).
    pub(super) fn parse(text: &str, user_agent: &str) -> Robots {
        let token = user_agent
            .split('/')
            .next()
            .unwrap_or(user_agent)
            .to_ascii_lowercase();
        // Groups: (agents, rules, delay). Consecutive user-agent lines open one group.
        let mut groups: Vec<(Vec<String>, Vec<(bool, String)>, Option<f64>)> = Vec::new();
        let mut in_agents = false;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let (key, value) = (key.trim().to_ascii_lowercase(), value.trim());
            match key.as_str() {
                "user-agent" => {
                    if !in_agents {
                        groups.push((Vec::new(), Vec::new(), None));
                    }
                    in_agents = true;
                    if let Some(g) = groups.last_mut() {
                        g.0.push(value.to_ascii_lowercase());
                    }
                }
                "allow" | "disallow" => {
                    in_agents = false;
                    if let Some(g) = groups.last_mut()
                        && !value.is_empty()
                    {
                        g.1.push((key == "allow", value.to_owned()));
                    }
                }
                "crawl-delay" => {
                    in_agents = false;
                    if let Some(g) = groups.last_mut() {
                        g.2 = value
                            .parse()
                            .ok()
                            .filter(|d: &f64| d.is_finite() && *d >= 0.0);
                    }
                }
                _ => {}
            }
        }
        let ours = |g: &&(Vec<String>, _, _)| {
            g.0.iter()
                .any(|a| a != "*" && token.starts_with(a.as_str()))
        };
        let any = |g: &&(Vec<String>, _, _)| g.0.iter().any(|a| a == "*");
        let chosen: Vec<_> = if groups.iter().any(|g| ours(&g)) {
            groups.iter().filter(ours).collect()
        } else {
            groups.iter().filter(any).collect()
        };
        Robots {
            rules: chosen.iter().flat_map(|g| g.1.clone()).collect(),
            crawl_delay: chosen
                .iter()
                .filter_map(|g| g.2)
                .fold(None, |m: Option<f64>, d| Some(m.map_or(d, |m| m.max(d))))
                .map(|d| Duration::from_secs_f64(d.min(60.0))),
            denied: None,
        }
    }

    /// Whether `path` (with its query) may be fetched; the reason when not.
    pub(super) fn verdict(&self, path: &str) -> Result<(), String> {
        if let Some(reason) = &self.denied {
            return Err(reason.clone());
        }
        if path == "/robots.txt" {
            return Ok(());
        }
        let best = self
            .rules
            .iter()
            .filter(|(_, p)| pattern_matches(p, path))
            .max_by_key(|(allow, p)| (p.len(), *allow));
        match best {
            Some((false, p)) => Err(format!("Disallow: {p}")),
            _ => Ok(()),
        }
    }
}

/// A robots.txt path pattern: a prefix, with `*` for any run and a final `$` for the end.
pub(super) fn pattern_matches(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let parts: Vec<&str> = pattern.split('*').collect();
    let mut at = 0;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            if !path.starts_with(part) {
                return false;
            }
            at = part.len();
        } else if i == parts.len() - 1 && anchored {
            return path.len() >= at + part.len() && path.ends_with(part);
        } else {
            match path[at..].find(part) {
                Some(found) => at += found + part.len(),
                None => return false,
            }
        }
    }
    !anchored || at == path.len()
}
