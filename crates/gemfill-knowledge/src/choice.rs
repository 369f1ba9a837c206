//! `choice!`: the enums of fixed names a function takes as an argument (a URL part, a
//! colour format, a unit dimension), each with its list of names, parsing and printing,
//! so that the language can offer them as symbols.

/// Declares a `Copy` enum whose variants are named by fixed, lower-case texts, with
/// `ALL`, `name()`, `FromStr` (case-insensitive, `-` and `_` and spaces alike, optional
/// extra names after `|`) and `Display`.
macro_rules! choice {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident ($kind:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal $(| $alias:literal)* ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every choice, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The name the language uses for this choice.
            pub fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::error::Error;

            fn from_str(text: &str) -> std::result::Result<Self, Self::Err> {
                let key = $crate::choice::choice_key(text);
                $(
                    if key == $crate::choice::choice_key($text)
                        $(|| key == $crate::choice::choice_key($alias))*
                    {
                        return Ok($name::$variant);
                    }
                )+
                Err($crate::error::Error::UnknownChoice {
                    kind: $kind,
                    name: text.to_string(),
                    expected: [$($text),+].join(", "),
                })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

pub(crate) use choice;

/// The form in which choice names are compared: lower case, with `-`, `_` and spaces
/// removed (so `first_host`, `first-host` and `First Host` are one name).
pub(crate) fn choice_key(text: &str) -> String {
    text.trim()
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}
