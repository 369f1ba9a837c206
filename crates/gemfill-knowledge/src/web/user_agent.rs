//! Browser user-agent strings, parsed with the `woothee` crate's rules and named the way
//! people name browsers and systems today (`iOS`, `macOS`, `Windows` and `10`).

use std::sync::LazyLock;

use woothee::parser::Parser;

use crate::choice::choice;
use crate::error::{Error, Result};

choice! {
    /// A fact about a user agent for [`user_agent`].
    pub enum UserAgentPart ("user-agent part") {
        /// `Chrome`, `Firefox`, `Edge`, `Safari`, `Opera`, `Samsung Internet`...
        Browser = "browser",
        /// The browser's major version: `124`.
        BrowserVersion = "browser version" | "version",
        /// `Windows`, `macOS`, `iOS`, `Android`, `Linux`, `ChromeOS`...
        Os = "os" | "system",
        /// `10`, `10.15.7`, `17.4.1`, `14`.
        OsVersion = "os version",
        /// `desktop`, `mobile`, `bot` or `other`.
        Device = "device" | "category",
        /// The browser and its major version: `Chrome 124`.
        BrowserWithVersion = "browser with version",
        /// The operating system and its version: `iOS 17.4.1`, `Windows 10`.
        OsWithVersion = "os with version",
    }
}

static PARSER: LazyLock<Parser> = LazyLock::new(Parser::new);

/// `part` of the user-agent string `text`; a part the string does not tell is an error.
///
/// ```
/// # use gemfill_knowledge::web::{user_agent, UserAgentPart};
/// let ua = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 \
///           (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1";
/// assert_eq!(user_agent(ua, UserAgentPart::Os).unwrap(), "iOS");
/// assert_eq!(user_agent(ua, UserAgentPart::OsVersion).unwrap(), "17.4.1");
/// assert_eq!(user_agent(ua, UserAgentPart::Device).unwrap(), "mobile");
/// ```
pub fn user_agent(text: &str, part: UserAgentPart) -> Result<String> {
    let parsed = PARSER
        .parse(text)
        .ok_or_else(|| Error::malformed(text, "a user-agent string"))?;
    let known = |value: &str, what: &str| -> Result<String> {
        if value.is_empty() || value == "UNKNOWN" {
            Err(Error::missing(text, what))
        } else {
            Ok(value.to_string())
        }
    };
    let (os, windows_version) = match parsed.os {
        "iPhone" | "iPad" | "iPod" | "iOS" => ("iOS", None),
        "Mac OSX" => ("macOS", None),
        windows
            if windows.starts_with("Windows ")
                && !windows.contains("Phone")
                && !windows.contains("CE") =>
        {
            (
                "Windows",
                windows
                    .strip_prefix("Windows ")
                    .filter(|version| !version.contains("UNKNOWN")),
            )
        }
        other => (other, None),
    };
    match part {
        UserAgentPart::Browser => match parsed.name {
            "SamsungBrowser" => Ok("Samsung Internet".to_string()),
            name => known(name, "browser"),
        },
        UserAgentPart::BrowserVersion => known(
            parsed.version.split('.').next().unwrap_or(""),
            "browser version",
        ),
        UserAgentPart::Os => known(os, "operating system"),
        UserAgentPart::OsVersion => match windows_version {
            Some(version) => Ok(version.to_string()),
            None if os == "Windows" => Err(Error::missing(text, "operating system version")),
            None => known(
                &parsed.os_version.replace('_', "."),
                "operating system version",
            ),
        },
        UserAgentPart::BrowserWithVersion => Ok(format!(
            "{} {}",
            user_agent(text, UserAgentPart::Browser)?,
            user_agent(text, UserAgentPart::BrowserVersion)?
        )),
        UserAgentPart::OsWithVersion => Ok(format!(
            "{} {}",
            user_agent(text, UserAgentPart::Os)?,
            user_agent(text, UserAgentPart::OsVersion)?
        )),
        UserAgentPart::Device => Ok(match parsed.category {
            "pc" => "desktop",
            "smartphone" | "mobilephone" => "mobile",
            "crawler" => "bot",
            _ => "other",
        }
        .to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHROME_WINDOWS: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) \
                                  Chrome/124.0.0.0 Safari/537.36";
    const EDGE: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) \
                        Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51";
    const FIREFOX_LINUX: &str =
        "Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Firefox/115.0";
    const ANDROID: &str = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) \
                           Chrome/124.0.0.0 Mobile Safari/537.36";
    const SAFARI_MAC: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) \
                              Version/17.4 Safari/605.1.15";

    fn get(ua: &str, part: UserAgentPart) -> String {
        user_agent(ua, part).unwrap()
    }

    #[test]
    fn browsers_and_systems() {
        use UserAgentPart::*;
        assert_eq!(
            (
                get(CHROME_WINDOWS, Browser),
                get(CHROME_WINDOWS, BrowserVersion)
            ),
            ("Chrome".into(), "124".into())
        );
        assert_eq!(
            (get(EDGE, Browser), get(EDGE, BrowserVersion)),
            ("Edge".into(), "124".into())
        );
        assert_eq!(
            (get(FIREFOX_LINUX, Browser), get(FIREFOX_LINUX, Os)),
            ("Firefox".into(), "Linux".into())
        );
        assert_eq!(
            (get(CHROME_WINDOWS, Os), get(CHROME_WINDOWS, OsVersion)),
            ("Windows".into(), "10".into())
        );
        assert_eq!(
            (
                get(ANDROID, Os),
                get(ANDROID, OsVersion),
                get(ANDROID, Device)
            ),
            ("Android".into(), "14".into(), "mobile".into())
        );
        assert_eq!(
            (get(SAFARI_MAC, Os), get(SAFARI_MAC, OsVersion)),
            ("macOS".into(), "10.15.7".into())
        );
        assert_eq!(get(SAFARI_MAC, Device), "desktop");
        assert_eq!(get(EDGE, BrowserWithVersion), "Edge 124");
        assert_eq!(get(ANDROID, OsWithVersion), "Android 14");
        assert!(user_agent("curl-ish nonsense", Browser).is_err());
        assert!(user_agent("", Os).is_err());
    }
}
