//! Realistic random inputs: the kinds of text an input column holds (names, dates, phone
//! numbers, emails, addresses, codes, free text, amounts, paths, non-ASCII text) and one
//! random value of each.

use gemfill_dsl::{Format, tables};

use super::rng::Rng;
use super::vocabulary::{CITIES, FIRST, FOREIGN, LAST, MAIL_DOMAINS, STATES, STREETS, WORDS};

/// The kind of text an input column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Domain {
    Name,
    Date(Format),
    Phone,
    Email,
    Address,
    Code,
    Text,
    Amount,
    Path,
    Foreign,
}

pub(super) const DOMAINS_ALL: &[Domain] = &[
    Domain::Name,
    Domain::Date(Format::Iso),
    Domain::Date(Format::Us),
    Domain::Date(Format::Eu),
    Domain::Date(Format::Long),
    Domain::Phone,
    Domain::Email,
    Domain::Address,
    Domain::Code,
    Domain::Text,
    Domain::Amount,
    Domain::Path,
    Domain::Foreign,
];

fn cap(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

pub(super) fn random_input(rng: &mut Rng, domain: Domain) -> String {
    match domain {
        Domain::Name => {
            let (f, l) = (*rng.pick(FIRST), *rng.pick(LAST));
            match rng.below(5) {
                0 => format!("{l}, {f}"),
                1 => {
                    let m = rng.pick(FIRST).chars().next().unwrap_or('A');
                    format!("{f} {m}. {l}")
                }
                2 => format!("{} {}", f.to_lowercase(), l.to_lowercase()),
                _ => format!("{f} {l}"),
            }
        }
        Domain::Date(fmt) => {
            let (y, m, d) = (rng.range(1950, 2030), rng.range(1, 12), rng.range(1, 28));
            match fmt {
                Format::Us => format!("{m:02}/{d:02}/{y}"),
                Format::Eu => format!("{d:02}/{m:02}/{y}"),
                Format::Long => format!("{} {d}, {y}", tables::month_name(m as usize - 1)),
                _ => format!("{y}-{m:02}-{d:02}"),
            }
        }
        Domain::Phone => {
            let (a, b, c) = (rng.range(200, 989), rng.range(200, 999), rng.range(0, 9999));
            match rng.below(4) {
                0 => format!("({a}) {b}-{c:04}"),
                1 => format!("{a}-{b}-{c:04}"),
                2 => format!("+1 {a} {b} {c:04}"),
                _ => format!("{a}.{b}.{c:04}"),
            }
        }
        Domain::Email => {
            let (f, l) = (
                rng.pick(FIRST).to_lowercase(),
                rng.pick(LAST).to_lowercase(),
            );
            let sep = *rng.pick(&[".", "_", ""]);
            format!("{f}{sep}{l}@{}", rng.pick(MAIL_DOMAINS))
        }
        Domain::Address => format!(
            "{} {}, {}, {} {:05}",
            rng.range(1, 9999),
            rng.pick(STREETS),
            rng.pick(CITIES),
            rng.pick(STATES),
            rng.range(10000, 99999)
        ),
        Domain::Code => {
            let letters: String = (0..rng.range(2, 4))
                .map(|_| (b'A' + rng.below(26) as u8) as char)
                .collect();
            let sep = *rng.pick(&["-", "_", "/", ""]);
            match rng.below(3) {
                0 => format!("{letters}{sep}{}", rng.range(10, 99999)),
                1 => format!("{}{sep}{letters}", rng.range(1, 999)),
                _ => format!(
                    "{letters}{sep}{}{sep}{}",
                    rng.range(2000, 2030),
                    rng.range(1, 9999)
                ),
            }
        }
        Domain::Text => {
            let n = rng.range(2, 4) as usize;
            let words: Vec<String> = (0..n)
                .map(|i| {
                    let w = *rng.pick(WORDS);
                    if i == 0 && rng.chance(0.5) {
                        cap(w)
                    } else {
                        w.to_string()
                    }
                })
                .collect();
            let text = words.join(" ");
            if rng.chance(0.2) {
                format!("  {text} ")
            } else {
                text
            }
        }
        Domain::Amount => {
            let whole = rng.range(0, 99_999);
            let cents = rng.range(0, 99);
            match rng.below(3) {
                0 => format!("{whole}.{cents:02}"),
                1 => format!("{whole}"),
                _ => format!("${whole}.{cents:02}"),
            }
        }
        Domain::Path => {
            let (a, b) = (*rng.pick(WORDS), *rng.pick(WORDS));
            let ext = *rng.pick(&["txt", "csv", "pdf", "json"]);
            match rng.below(2) {
                0 => format!("/home/{a}/{b}.{ext}"),
                _ => format!("https://www.{a}.com/{b}"),
            }
        }
        Domain::Foreign => {
            let (a, b) = (*rng.pick(FOREIGN), *rng.pick(FOREIGN));
            format!("{a} {b} {}", rng.range(1, 99))
        }
    }
}
