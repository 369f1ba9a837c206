//! US states, the District of Columbia and the inhabited territories, with their USPS
//! codes (USPS Publication 28, appendix B).

use std::sync::LazyLock;

use crate::choice::choice;
use crate::codes::names::NameIndex;
use crate::error::{Error, Result};

choice! {
    /// What [`us_state`] gives for a state.
    pub enum StateField ("US state field") {
        /// The name: `California`.
        Name = "name",
        /// The two-letter USPS code: `CA`.
        Code = "code" | "abbreviation",
    }
}

/// (USPS code, name) of the 50 states, DC and the five inhabited territories.
const STATES: &[(&str, &str)] = &[
    ("AL", "Alabama"),
    ("AK", "Alaska"),
    ("AZ", "Arizona"),
    ("AR", "Arkansas"),
    ("CA", "California"),
    ("CO", "Colorado"),
    ("CT", "Connecticut"),
    ("DE", "Delaware"),
    ("FL", "Florida"),
    ("GA", "Georgia"),
    ("HI", "Hawaii"),
    ("ID", "Idaho"),
    ("IL", "Illinois"),
    ("IN", "Indiana"),
    ("IA", "Iowa"),
    ("KS", "Kansas"),
    ("KY", "Kentucky"),
    ("LA", "Louisiana"),
    ("ME", "Maine"),
    ("MD", "Maryland"),
    ("MA", "Massachusetts"),
    ("MI", "Michigan"),
    ("MN", "Minnesota"),
    ("MS", "Mississippi"),
    ("MO", "Missouri"),
    ("MT", "Montana"),
    ("NE", "Nebraska"),
    ("NV", "Nevada"),
    ("NH", "New Hampshire"),
    ("NJ", "New Jersey"),
    ("NM", "New Mexico"),
    ("NY", "New York"),
    ("NC", "North Carolina"),
    ("ND", "North Dakota"),
    ("OH", "Ohio"),
    ("OK", "Oklahoma"),
    ("OR", "Oregon"),
    ("PA", "Pennsylvania"),
    ("RI", "Rhode Island"),
    ("SC", "South Carolina"),
    ("SD", "South Dakota"),
    ("TN", "Tennessee"),
    ("TX", "Texas"),
    ("UT", "Utah"),
    ("VT", "Vermont"),
    ("VA", "Virginia"),
    ("WA", "Washington"),
    ("WV", "West Virginia"),
    ("WI", "Wisconsin"),
    ("WY", "Wyoming"),
    ("DC", "District of Columbia"),
    ("AS", "American Samoa"),
    ("GU", "Guam"),
    ("MP", "Northern Mariana Islands"),
    ("PR", "Puerto Rico"),
    ("VI", "U.S. Virgin Islands"),
];

/// Other names in use, with the code they mean.
const ALIASES: &[(&str, &str)] = &[
    ("Washington DC", "DC"),
    ("Washington, D.C.", "DC"),
    ("D.C.", "DC"),
    ("US Virgin Islands", "VI"),
    ("Virgin Islands", "VI"),
];

static BY_NAME: LazyLock<NameIndex<usize>> =
    LazyLock::new(|| NameIndex::of(STATES, |(_, name)| vec![*name], ALIASES, |(code, _)| code));

/// `field` of the US state written in `text`: its name in any case (`new york`) or its
/// USPS code (`NY`, `ny`).
///
/// ```
/// # use gemfill_knowledge::codes::{us_state, StateField};
/// assert_eq!(us_state("California", StateField::Code).unwrap(), "CA");
/// assert_eq!(us_state("ma", StateField::Name).unwrap(), "Massachusetts");
/// ```
pub fn us_state(text: &str, field: StateField) -> Result<String> {
    let trimmed = text.trim();
    let upper = trimmed.to_ascii_uppercase();
    let position = match STATES.iter().position(|(code, _)| *code == upper) {
        Some(position) => position,
        None => match BY_NAME.get(trimmed) {
            Ok(Some(position)) => position,
            _ => return Err(Error::not_found("US state", text)),
        },
    };
    let (code, name) = STATES[position];
    Ok(match field {
        StateField::Name => name.to_string(),
        StateField::Code => code.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_both_ways() {
        for (code, name) in STATES {
            assert_eq!(us_state(name, StateField::Code).unwrap(), *code);
            assert_eq!(us_state(code, StateField::Name).unwrap(), *name);
        }
        assert_eq!(us_state("new hampshire", StateField::Code).unwrap(), "NH");
        assert_eq!(
            us_state("Washington, D.C.", StateField::Code).unwrap(),
            "DC"
        );
        assert!(us_state("Ontario", StateField::Code).is_err());
        assert!(us_state("ZZ", StateField::Name).is_err());
        assert_eq!(STATES.len(), 56);
    }
}
