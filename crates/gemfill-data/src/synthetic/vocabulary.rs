//! The words realistic inputs are made of: names, words, non-ASCII text, streets, cities,
//! states and mail domains. A new vocabulary goes here, and the kind of input that uses
//! it into [`super::inputs`].

/// Given names from many countries.
pub(super) const FIRST: &[&str] = &[
    "John", "Mary", "Ahmed", "Li", "Sofia", "Lars", "Priya", "Kwame", "Elena", "Diego", "Hannah",
    "Omar", "Yuki", "Chloe", "Mateo", "Ingrid", "Ravi", "Fatima", "Noah", "Zoë", "José", "Łukasz",
    "Åsa", "Chidi", "Mei", "Pierre", "Anya", "Tomás", "Greta", "Sven", "Aisha", "Bruno",
];
/// Family names from many countries.
pub(super) const LAST: &[&str] = &[
    "Smith",
    "Garcia",
    "Nguyen",
    "Okafor",
    "Müller",
    "Rossi",
    "Kowalski",
    "Tanaka",
    "Silva",
    "Johansson",
    "Patel",
    "Dubois",
    "Ivanova",
    "O'Brien",
    "Hernández",
    "Kim",
    "Novak",
    "Haddad",
    "Andersen",
    "Costa",
    "Schmidt",
    "Yamamoto",
    "Brown",
    "Lefèvre",
    "García",
    "Chen",
    "Walker",
];
/// Common English words, for free text and paths.
pub(super) const WORDS: &[&str] = &[
    "red", "apple", "river", "blue", "stone", "quick", "paper", "green", "table", "north",
    "silver", "market", "window", "orange", "garden", "bridge", "cloud", "winter", "summer",
    "coffee", "report", "budget", "final", "draft", "invoice", "order", "status", "pending",
];
/// Words in other scripts and with accents, for non-ASCII text.
pub(super) const FOREIGN: &[&str] = &[
    "Москва",
    "Київ",
    "Αθήνα",
    "東京",
    "서울",
    "Zürich",
    "Kraków",
    "São",
    "Paulo",
    "Malmö",
    "Ærø",
    "İzmir",
    "Đà",
    "Nẵng",
    "Ciudad",
    "México",
    "Québec",
    "Göteborg",
];
/// Street names, for addresses.
pub(super) const STREETS: &[&str] = &[
    "Main St",
    "Oak Ave",
    "Elm Street",
    "Park Rd",
    "2nd Ave",
    "Maple Dr",
    "Cedar Ln",
    "Lake Blvd",
];
/// City names, for addresses.
pub(super) const CITIES: &[&str] = &[
    "Springfield",
    "Portland",
    "Austin",
    "Denver",
    "Boston",
    "Madison",
    "Salem",
    "Dayton",
];
/// US state codes, for addresses.
pub(super) const STATES: &[&str] = &[
    "IL", "OR", "TX", "CO", "MA", "WI", "NY", "CA", "WA", "FL", "OH", "GA",
];
/// Mail domains, for email addresses.
pub(super) const MAIL_DOMAINS: &[&str] =
    &["example.com", "mail.org", "corp.net", "uni.edu", "shop.io"];
