//! Lookup tables: the built-in ones and tables sent with a request.
//!
//! A built-in table ([`BuiltinTable`]) maps every common spelling of an entity (a month, a
//! weekday, a US state or DC, a country) to one representation of it. Keys are compared
//! after trimming white space, dropping one trailing `.` ("Sept.", "D.C.") and lower-casing,
//! so "MAR", " march " and "3" all find March. User tables ([`Tables`]) match keys exactly.
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::ast::BuiltinTable;
// Monday first, as ISO 8601 numbers them (Monday = 1): the same names the date patterns write.
use crate::time::names::{MONTHS, WEEKDAYS};

/// Tables supplied by the caller, by name (without the `@`): each maps a key to a value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Tables {
    user: BTreeMap<String, BTreeMap<String, String>>,
}

impl Tables {
    /// No user tables.
    pub fn new() -> Tables {
        Tables::default()
    }

    /// Adds (or replaces) the table `name` (without the `@`) with these key/value entries;
    /// a repeated key keeps its last value.
    pub fn insert<K, V>(
        &mut self,
        name: impl Into<String>,
        entries: impl IntoIterator<Item = (K, V)>,
    ) where
        K: Into<String>,
        V: Into<String>,
    {
        let table = entries
            .into_iter()
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        self.user.insert(name.into(), table);
    }

    /// Builder form of [`Tables::insert`].
    pub fn with<K, V>(
        mut self,
        name: impl Into<String>,
        entries: impl IntoIterator<Item = (K, V)>,
    ) -> Tables
    where
        K: Into<String>,
        V: Into<String>,
    {
        self.insert(name, entries);
        self
    }

    /// The table `name`, if there is one.
    pub fn get(&self, name: &str) -> Option<&BTreeMap<String, String>> {
        self.user.get(name)
    }

    /// The value of `key` (exact match) in table `name`.
    pub fn lookup(&self, name: &str, key: &str) -> Option<&str> {
        self.user.get(name)?.get(key).map(String::as_str)
    }

    /// The names of the tables, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.user.keys().map(String::as_str)
    }

    /// Whether there are no user tables.
    pub fn is_empty(&self) -> bool {
        self.user.is_empty()
    }

    /// How many user tables there are.
    pub fn len(&self) -> usize {
        self.user.len()
    }
}

const MONTH_ABBRS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTH_NUMBERS: [&str; 12] = [
    "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
];
const MONTH_PADDED: [&str; 12] = [
    "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12",
];
/// Other spellings of months, lower case, by month index.
const MONTH_ALIASES: [(&str, usize); 1] = [("sept", 8)];

const WEEKDAY_ABBRS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const WEEKDAY_ALIASES: [(&str, usize); 11] = [
    ("mo", 0),
    ("tu", 1),
    ("tues", 1),
    ("we", 2),
    ("weds", 2),
    ("th", 3),
    ("thur", 3),
    ("thurs", 3),
    ("fr", 4),
    ("sa", 5),
    ("su", 6),
];

/// The 50 states and the District of Columbia: (name, postal code).
const STATES: [(&str, &str); 51] = [
    ("Alabama", "AL"),
    ("Alaska", "AK"),
    ("Arizona", "AZ"),
    ("Arkansas", "AR"),
    ("California", "CA"),
    ("Colorado", "CO"),
    ("Connecticut", "CT"),
    ("Delaware", "DE"),
    ("District of Columbia", "DC"),
    ("Florida", "FL"),
    ("Georgia", "GA"),
    ("Hawaii", "HI"),
    ("Idaho", "ID"),
    ("Illinois", "IL"),
    ("Indiana", "IN"),
    ("Iowa", "IA"),
    ("Kansas", "KS"),
    ("Kentucky", "KY"),
    ("Louisiana", "LA"),
    ("Maine", "ME"),
    ("Maryland", "MD"),
    ("Massachusetts", "MA"),
    ("Michigan", "MI"),
    ("Minnesota", "MN"),
    ("Mississippi", "MS"),
    ("Missouri", "MO"),
    ("Montana", "MT"),
    ("Nebraska", "NE"),
    ("Nevada", "NV"),
    ("New Hampshire", "NH"),
    ("New Jersey", "NJ"),
    ("New Mexico", "NM"),
    ("New York", "NY"),
    ("North Carolina", "NC"),
    ("North Dakota", "ND"),
    ("Ohio", "OH"),
    ("Oklahoma", "OK"),
    ("Oregon", "OR"),
    ("Pennsylvania", "PA"),
    ("Rhode Island", "RI"),
    ("South Carolina", "SC"),
    ("South Dakota", "SD"),
    ("Tennessee", "TN"),
    ("Texas", "TX"),
    ("Utah", "UT"),
    ("Vermont", "VT"),
    ("Virginia", "VA"),
    ("Washington", "WA"),
    ("West Virginia", "WV"),
    ("Wisconsin", "WI"),
    ("Wyoming", "WY"),
];
/// Other spellings of states (lower case, by postal code).
const STATE_ALIASES: [(&str, &str); 5] = [
    ("washington dc", "DC"),
    ("washington d.c", "DC"),
    ("washington, d.c", "DC"),
    ("d.c", "DC"),
    ("dist. of columbia", "DC"),
];

/// A country: short English name, ISO 3166-1 alpha-2 and alpha-3 codes, other names.
struct Country {
    name: &'static str,
    iso2: &'static str,
    iso3: &'static str,
    aliases: &'static [&'static str],
}

const fn c(
    name: &'static str,
    iso2: &'static str,
    iso3: &'static str,
    aliases: &'static [&'static str],
) -> Country {
    Country {
        name,
        iso2,
        iso3,
        aliases,
    }
}

const COUNTRIES: &[Country] = &[
    c("Afghanistan", "AF", "AFG", &[]),
    c("Albania", "AL", "ALB", &[]),
    c("Algeria", "DZ", "DZA", &[]),
    c("Andorra", "AD", "AND", &[]),
    c("Angola", "AO", "AGO", &[]),
    c("Argentina", "AR", "ARG", &[]),
    c("Armenia", "AM", "ARM", &[]),
    c("Australia", "AU", "AUS", &[]),
    c("Austria", "AT", "AUT", &["Österreich"]),
    c("Azerbaijan", "AZ", "AZE", &[]),
    c("Bahamas", "BS", "BHS", &["The Bahamas"]),
    c("Bahrain", "BH", "BHR", &[]),
    c("Bangladesh", "BD", "BGD", &[]),
    c("Belarus", "BY", "BLR", &[]),
    c("Belgium", "BE", "BEL", &[]),
    c("Bolivia", "BO", "BOL", &[]),
    c("Bosnia and Herzegovina", "BA", "BIH", &["Bosnia"]),
    c("Botswana", "BW", "BWA", &[]),
    c("Brazil", "BR", "BRA", &["Brasil"]),
    c("Brunei", "BN", "BRN", &["Brunei Darussalam"]),
    c("Bulgaria", "BG", "BGR", &[]),
    c("Cambodia", "KH", "KHM", &[]),
    c("Cameroon", "CM", "CMR", &[]),
    c("Canada", "CA", "CAN", &[]),
    c("Chile", "CL", "CHL", &[]),
    c(
        "China",
        "CN",
        "CHN",
        &["People's Republic of China", "PRC", "Mainland China"],
    ),
    c("Colombia", "CO", "COL", &[]),
    c("Costa Rica", "CR", "CRI", &[]),
    c(
        "Côte d'Ivoire",
        "CI",
        "CIV",
        &[
            "Ivory Coast",
            "Cote d'Ivoire",
            "Côte d’Ivoire",
            "Cote d’Ivoire",
        ],
    ),
    c("Croatia", "HR", "HRV", &[]),
    c("Cuba", "CU", "CUB", &[]),
    c("Cyprus", "CY", "CYP", &[]),
    c("Czechia", "CZ", "CZE", &["Czech Republic"]),
    c(
        "Democratic Republic of the Congo",
        "CD",
        "COD",
        &["DR Congo", "DRC", "Congo-Kinshasa"],
    ),
    c("Denmark", "DK", "DNK", &[]),
    c("Dominican Republic", "DO", "DOM", &[]),
    c("Ecuador", "EC", "ECU", &[]),
    c("Egypt", "EG", "EGY", &[]),
    c("El Salvador", "SV", "SLV", &[]),
    c("Estonia", "EE", "EST", &[]),
    c("Ethiopia", "ET", "ETH", &[]),
    c("Fiji", "FJ", "FJI", &[]),
    c("Finland", "FI", "FIN", &[]),
    c("France", "FR", "FRA", &[]),
    c("Georgia", "GE", "GEO", &[]),
    c("Germany", "DE", "DEU", &["Deutschland"]),
    c("Ghana", "GH", "GHA", &[]),
    c("Greece", "GR", "GRC", &[]),
    c("Guatemala", "GT", "GTM", &[]),
    c("Haiti", "HT", "HTI", &[]),
    c("Honduras", "HN", "HND", &[]),
    c("Hong Kong", "HK", "HKG", &[]),
    c("Hungary", "HU", "HUN", &[]),
    c("Iceland", "IS", "ISL", &[]),
    c("India", "IN", "IND", &[]),
    c("Indonesia", "ID", "IDN", &[]),
    c("Iran", "IR", "IRN", &[]),
    c("Iraq", "IQ", "IRQ", &[]),
    c("Ireland", "IE", "IRL", &["Republic of Ireland"]),
    c("Israel", "IL", "ISR", &[]),
    c("Italy", "IT", "ITA", &["Italia"]),
    c("Jamaica", "JM", "JAM", &[]),
    c("Japan", "JP", "JPN", &[]),
    c("Jordan", "JO", "JOR", &[]),
    c("Kazakhstan", "KZ", "KAZ", &[]),
    c("Kenya", "KE", "KEN", &[]),
    c("Kuwait", "KW", "KWT", &[]),
    c("Kyrgyzstan", "KG", "KGZ", &[]),
    c("Laos", "LA", "LAO", &[]),
    c("Latvia", "LV", "LVA", &[]),
    c("Lebanon", "LB", "LBN", &[]),
    c("Libya", "LY", "LBY", &[]),
    c("Liechtenstein", "LI", "LIE", &[]),
    c("Lithuania", "LT", "LTU", &[]),
    c("Luxembourg", "LU", "LUX", &[]),
    c("Madagascar", "MG", "MDG", &[]),
    c("Malaysia", "MY", "MYS", &[]),
    c("Malta", "MT", "MLT", &[]),
    c("Mexico", "MX", "MEX", &["México"]),
    c("Moldova", "MD", "MDA", &[]),
    c("Monaco", "MC", "MCO", &[]),
    c("Mongolia", "MN", "MNG", &[]),
    c("Montenegro", "ME", "MNE", &[]),
    c("Morocco", "MA", "MAR", &[]),
    c("Mozambique", "MZ", "MOZ", &[]),
    c("Myanmar", "MM", "MMR", &["Burma"]),
    c("Namibia", "NA", "NAM", &[]),
    c("Nepal", "NP", "NPL", &[]),
    c("Netherlands", "NL", "NLD", &["The Netherlands", "Holland"]),
    c("New Zealand", "NZ", "NZL", &[]),
    c("Nicaragua", "NI", "NIC", &[]),
    c("Nigeria", "NG", "NGA", &[]),
    c("North Korea", "KP", "PRK", &["DPRK"]),
    c("North Macedonia", "MK", "MKD", &["Macedonia"]),
    c("Norway", "NO", "NOR", &[]),
    c("Oman", "OM", "OMN", &[]),
    c("Pakistan", "PK", "PAK", &[]),
    c("Panama", "PA", "PAN", &[]),
    c("Papua New Guinea", "PG", "PNG", &[]),
    c("Paraguay", "PY", "PRY", &[]),
    c("Peru", "PE", "PER", &[]),
    c("Philippines", "PH", "PHL", &["The Philippines"]),
    c("Poland", "PL", "POL", &["Polska"]),
    c("Portugal", "PT", "PRT", &[]),
    c("Puerto Rico", "PR", "PRI", &[]),
    c("Qatar", "QA", "QAT", &[]),
    c(
        "Republic of the Congo",
        "CG",
        "COG",
        &["Congo", "Congo-Brazzaville"],
    ),
    c("Romania", "RO", "ROU", &[]),
    c("Russia", "RU", "RUS", &["Russian Federation"]),
    c("Rwanda", "RW", "RWA", &[]),
    c("Saudi Arabia", "SA", "SAU", &[]),
    c("Senegal", "SN", "SEN", &[]),
    c("Serbia", "RS", "SRB", &[]),
    c("Singapore", "SG", "SGP", &[]),
    c("Slovakia", "SK", "SVK", &[]),
    c("Slovenia", "SI", "SVN", &[]),
    c("South Africa", "ZA", "ZAF", &[]),
    c(
        "South Korea",
        "KR",
        "KOR",
        &["Korea", "Republic of Korea", "Korea, Republic of"],
    ),
    c("Spain", "ES", "ESP", &["España"]),
    c("Sri Lanka", "LK", "LKA", &[]),
    c("Sudan", "SD", "SDN", &[]),
    c("Sweden", "SE", "SWE", &[]),
    c("Switzerland", "CH", "CHE", &[]),
    c("Syria", "SY", "SYR", &[]),
    c("Taiwan", "TW", "TWN", &[]),
    c("Tajikistan", "TJ", "TJK", &[]),
    c("Tanzania", "TZ", "TZA", &[]),
    c("Thailand", "TH", "THA", &[]),
    c("Trinidad and Tobago", "TT", "TTO", &[]),
    c("Tunisia", "TN", "TUN", &[]),
    c("Turkey", "TR", "TUR", &["Türkiye", "Turkiye"]),
    c("Turkmenistan", "TM", "TKM", &[]),
    c("Uganda", "UG", "UGA", &[]),
    c("Ukraine", "UA", "UKR", &[]),
    c("United Arab Emirates", "AE", "ARE", &["UAE"]),
    c(
        "United Kingdom",
        "GB",
        "GBR",
        &["UK", "U.K", "Great Britain", "Britain"],
    ),
    c(
        "United States",
        "US",
        "USA",
        &["United States of America", "U.S", "U.S.A", "America"],
    ),
    c("Uruguay", "UY", "URY", &[]),
    c("Uzbekistan", "UZ", "UZB", &[]),
    c("Venezuela", "VE", "VEN", &[]),
    c("Vietnam", "VN", "VNM", &["Viet Nam"]),
    c("Yemen", "YE", "YEM", &[]),
    c("Zambia", "ZM", "ZMB", &[]),
    c("Zimbabwe", "ZW", "ZWE", &[]),
];

/// Which entities a table maps between.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Group {
    Month,
    Weekday,
    State,
    Country,
}

fn group(table: BuiltinTable) -> Group {
    use BuiltinTable::*;
    match table {
        MonthNumber | MonthPadded | MonthName | MonthAbbr => Group::Month,
        WeekdayName | WeekdayAbbr => Group::Weekday,
        StateName | StateCode => Group::State,
        CountryName | CountryIso2 | CountryIso3 => Group::Country,
    }
}

/// The representation of entity `i` of the table's group.
fn value(table: BuiltinTable, i: usize) -> &'static str {
    use BuiltinTable::*;
    match table {
        MonthNumber => MONTH_NUMBERS[i],
        MonthPadded => MONTH_PADDED[i],
        MonthName => MONTHS[i],
        MonthAbbr => MONTH_ABBRS[i],
        WeekdayName => WEEKDAYS[i],
        WeekdayAbbr => WEEKDAY_ABBRS[i],
        StateName => STATES[i].0,
        StateCode => STATES[i].1,
        CountryName => COUNTRIES[i].name,
        CountryIso2 => COUNTRIES[i].iso2,
        CountryIso3 => COUNTRIES[i].iso3,
    }
}

/// How many entities the group has.
fn entity_count(group: Group) -> usize {
    match group {
        Group::Month => 12,
        Group::Weekday => 7,
        Group::State => STATES.len(),
        Group::Country => COUNTRIES.len(),
    }
}

/// Normalised spelling -> entity index, one map per group.
struct Index {
    month: HashMap<String, usize>,
    weekday: HashMap<String, usize>,
    state: HashMap<String, usize>,
    country: HashMap<String, usize>,
    /// Every table value -> the tables that produce it.
    by_value: HashMap<&'static str, Vec<BuiltinTable>>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(build_index)
}

fn build_index() -> Index {
    fn add(map: &mut HashMap<String, usize>, key: &str, i: usize) {
        map.insert(normalise(key).into_owned(), i);
    }
    let mut month = HashMap::new();
    for i in 0..12 {
        for key in [MONTHS[i], MONTH_ABBRS[i], MONTH_NUMBERS[i], MONTH_PADDED[i]] {
            add(&mut month, key, i);
        }
    }
    for (key, i) in MONTH_ALIASES {
        add(&mut month, key, i);
    }
    let mut weekday = HashMap::new();
    for i in 0..7 {
        let iso = (i + 1).to_string();
        for key in [WEEKDAYS[i], WEEKDAY_ABBRS[i], iso.as_str()] {
            add(&mut weekday, key, i);
        }
    }
    for (key, i) in WEEKDAY_ALIASES {
        add(&mut weekday, key, i);
    }
    let mut state = HashMap::new();
    for (i, (name, code)) in STATES.iter().enumerate() {
        add(&mut state, name, i);
        add(&mut state, code, i);
    }
    for (key, code) in STATE_ALIASES {
        if let Some(i) = STATES.iter().position(|s| s.1 == code) {
            add(&mut state, key, i);
        }
    }
    let mut country = HashMap::new();
    for (i, c) in COUNTRIES.iter().enumerate() {
        for key in [c.name, c.iso2, c.iso3].iter().chain(c.aliases) {
            add(&mut country, key, i);
        }
    }
    let mut by_value: HashMap<&'static str, Vec<BuiltinTable>> = HashMap::new();
    for table in BuiltinTable::ALL {
        for i in 0..entity_count(group(table)) {
            let tables = by_value.entry(value(table, i)).or_default();
            if !tables.contains(&table) {
                tables.push(table);
            }
        }
    }
    Index {
        month,
        weekday,
        state,
        country,
        by_value,
    }
}

/// The form keys are compared in: trimmed, one trailing `.` dropped, lower case.
fn normalise(key: &str) -> std::borrow::Cow<'_, str> {
    let key = strip(key);
    if key.bytes().any(|b| b.is_ascii_uppercase()) || !key.is_ascii() {
        std::borrow::Cow::Owned(key.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(key)
    }
}

fn strip(key: &str) -> &str {
    let key = key.trim();
    match key.strip_suffix('.') {
        Some(k) if !k.is_empty() => k,
        _ => key,
    }
}

/// Runs `f` on the normalised key. Lookups run in the synthesizer's inner loop, so short
/// ASCII keys are lower-cased in a stack buffer instead of a new `String`.
fn with_normalised<R>(key: &str, f: impl FnOnce(&str) -> R) -> R {
    let key = strip(key);
    let mut buf = [0u8; 48];
    if key.is_ascii() && key.len() <= buf.len() {
        let buf = &mut buf[..key.len()];
        buf.copy_from_slice(key.as_bytes());
        buf.make_ascii_lowercase();
        // Lower-casing ASCII keeps it ASCII, hence valid UTF-8.
        match std::str::from_utf8(buf) {
            Ok(lower) => f(lower),
            Err(_) => f(&normalise(key)),
        }
    } else {
        f(&normalise(key))
    }
}

/// The value of `key` in a built-in table: any common spelling of the entity (see the
/// module docs) gives the table's representation of it. `None` when the key names no
/// entity of the table.
pub fn builtin_lookup(table: BuiltinTable, key: &str) -> Option<&'static str> {
    let index = index();
    let map = match group(table) {
        Group::Month => &index.month,
        Group::Weekday => &index.weekday,
        Group::State => &index.state,
        Group::Country => &index.country,
    };
    with_normalised(key, |key| map.get(key).map(|&i| value(table, i)))
}

/// The built-in tables that have `value` (exactly, case included) among their values, in
/// the order of [`BuiltinTable::ALL`]: `"March"` gives `[MonthName]`, `"May"` gives
/// `[MonthName, MonthAbbr]`, `"CA"` gives `[StateCode, CountryIso2]`. The synthesizer asks
/// this to decide which `lookup` could have produced an output.
pub fn tables_with_value(value: &str) -> Vec<BuiltinTable> {
    index().by_value.get(value).cloned().unwrap_or_default()
}

/// Every value of a built-in table (one per entity), in the table's natural order.
pub fn builtin_values(table: BuiltinTable) -> impl Iterator<Item = &'static str> {
    (0..entity_count(group(table))).map(move |i| value(table, i))
}

/// The canonical spellings (name, abbreviation or code, number) that [`builtin_lookup`]
/// accepts for the entities of `table`'s group, one per entity and representation, without
/// the aliases. Useful to generate test inputs.
pub fn builtin_keys(table: BuiltinTable) -> Vec<&'static str> {
    let group = group(table);
    BuiltinTable::ALL
        .into_iter()
        .filter(|t| self::group(*t) == group)
        .flat_map(builtin_values)
        .collect()
}

/// Every key a built-in table accepts, in normalised form (trimmed, one trailing `.`
/// dropped, lower case), with the table's value for it, sorted by key. [`builtin_lookup`]
/// normalises its key the same way and looks it up here; exporters (`gemfill export`)
/// write these pairs out.
pub fn builtin_entries(table: BuiltinTable) -> Vec<(String, &'static str)> {
    let index = index();
    let map = match group(table) {
        Group::Month => &index.month,
        Group::Weekday => &index.weekday,
        Group::State => &index.state,
        Group::Country => &index.country,
    };
    let mut entries: Vec<(String, &'static str)> = map
        .iter()
        .map(|(key, &i)| (key.clone(), value(table, i)))
        .collect();
    entries.sort_unstable();
    entries
}

/// English month names, January first (also used by the date formats). `month0` is
/// 0 for January to 11 for December; anything larger panics.
pub fn month_name(month0: usize) -> &'static str {
    MONTHS[month0]
}

/// English month abbreviations, January first.
pub(crate) fn month_abbr(month0: usize) -> &'static str {
    MONTH_ABBRS[month0]
}

/// English weekday names, Monday first.
pub(crate) fn weekday_name(day0: usize) -> &'static str {
    WEEKDAYS[day0]
}

/// The month (0-based) named by `s`: its full name, abbreviation or an alias, any case.
/// Numbers are not accepted (dates place them by position).
pub(crate) fn month_from_name(s: &str) -> Option<usize> {
    if s.is_empty() || s.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    with_normalised(s, |key| index().month.get(key).copied())
}

/// The weekday (0-based, Monday first) named by `s`: full name or abbreviation, any case.
pub(crate) fn weekday_from_name(s: &str) -> Option<usize> {
    if s.is_empty() || s.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    with_normalised(s, |key| index().weekday.get(key).copied())
}
