//! What the gazetteer knows: entities with kinds, names, coordinates and dates.

use serde::Serialize;

/// What kind of thing an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A state that exists today.
    State,
    /// A state that no longer exists (the Soviet Union, the Ottoman Empire).
    HistoricState,
    /// A region: a continent, a part of the world, a first-level division (East Asia, Siberia, Texas).
    Region,
    /// A city or town.
    City,
    /// An island.
    Island,
    /// A group of islands (the Kuril Islands).
    IslandGroup,
    /// A sea, gulf, bay or ocean.
    Sea,
    /// A strait.
    Strait,
    /// A river.
    River,
    /// A mountain or range.
    Mountain,
    /// A territory two states claim (the Northern Territories).
    DisputedTerritory,
    /// A person.
    Person,
    /// An organization.
    Organization,
}

impl Kind {
    /// Every kind, in order.
    pub const ALL: [Kind; 13] = [
        Kind::State,
        Kind::HistoricState,
        Kind::Region,
        Kind::City,
        Kind::Island,
        Kind::IslandGroup,
        Kind::Sea,
        Kind::Strait,
        Kind::River,
        Kind::Mountain,
        Kind::DisputedTerritory,
        Kind::Person,
        Kind::Organization,
    ];

    /// The name used in data files and JSON (`historic-state`).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::State => "state",
            Kind::HistoricState => "historic-state",
            Kind::Region => "region",
            Kind::City => "city",
            Kind::Island => "island",
            Kind::IslandGroup => "island-group",
            Kind::Sea => "sea",
            Kind::Strait => "strait",
            Kind::River => "river",
            Kind::Mountain => "mountain",
            Kind::DisputedTerritory => "disputed-territory",
            Kind::Person => "person",
            Kind::Organization => "organization",
        }
    }

    /// The inverse of [`Kind::as_str`].
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// A state, current or historic.
    pub fn is_state(self) -> bool {
        matches!(self, Kind::State | Kind::HistoricState)
    }

    /// A place with a location (every kind but persons and organizations).
    pub fn is_place(self) -> bool {
        !matches!(self, Kind::Person | Kind::Organization)
    }
}

/// One entity.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Entity {
    /// Stable id: a Wikidata QID, `geonames:<id>`, or `<kind>:<slug>`.
    pub id: String,
    /// Kind.
    pub kind: Kind,
    /// English canonical name (states: the name `pages::countries` uses).
    pub name: String,
    /// Other names written in English text.
    pub aliases: Vec<String>,
    /// Latitude of a representative point (decimal degrees).
    pub lat: Option<f64>,
    /// Longitude of a representative point.
    pub lon: Option<f64>,
    /// ISO 3166 code of the state it is in, or of the state itself (persons: the state served).
    pub country: Option<String>,
    /// Population, when known (ranks ambiguous places).
    pub population: Option<u64>,
    /// First year (or date) of validity: a state's founding, a leader's term.
    pub valid_from: Option<String>,
    /// Last year (or date) of validity.
    pub valid_to: Option<String>,
    /// The id of the entity it succeeded.
    pub predecessor: Option<String>,
    /// The id of the entity that succeeded it.
    pub successor: Option<String>,
    /// A short description ("General Secretary of the CPSU (1985–1991)").
    pub note: Option<String>,
    /// Where the row comes from.
    pub source: String,
}

impl Entity {
    /// The first year of validity.
    pub fn from_year(&self) -> Option<i32> {
        self.valid_from.as_deref().and_then(year_of)
    }

    /// The last year of validity.
    pub fn to_year(&self) -> Option<i32> {
        self.valid_to.as_deref().and_then(year_of)
    }

    /// Whether the entity existed (or held office) in `year`.
    pub fn valid_in(&self, year: i32) -> bool {
        self.from_year().is_none_or(|f| f <= year) && self.to_year().is_none_or(|t| year <= t)
    }

    /// "1922–1991", "since 1991", "" for an entity without dates.
    pub fn span(&self) -> String {
        match (self.from_year(), self.to_year()) {
            (Some(f), Some(t)) => format!("{f}–{t}"),
            (Some(f), None) => format!("since {f}"),
            (None, Some(t)) => format!("until {t}"),
            (None, None) => String::new(),
        }
    }
}

/// The year of `YYYY`, `YYYY-MM-DD` or `-YYYY`.
pub(crate) fn year_of(s: &str) -> Option<i32> {
    let (neg, rest) = s.strip_prefix('-').map_or((false, s), |r| (true, r));
    let y: i32 = rest.split('-').next()?.parse().ok()?;
    Some(if neg { -y } else { y })
}
