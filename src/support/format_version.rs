//! The version every JSON document the crate writes carries in its `format` key.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The `format` key of the crate's JSON outputs (a matching, a strategies evaluation, an
/// assignment's solution): the version of the document's layout, today 1. It is raised when a
/// key is renamed, removed or changes meaning; added keys keep the version. Reading accepts 1
/// or no `format` key at all (documents written before the key existed).
///
/// # Examples
///
/// ```
/// use mentor_match::FormatVersion;
///
/// assert_eq!(serde_json::to_string(&FormatVersion).unwrap(), "1");
/// assert!(serde_json::from_str::<FormatVersion>("1").is_ok());
/// assert!(serde_json::from_str::<FormatVersion>("2").is_err());
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct FormatVersion;

impl FormatVersion {
    /// The version this crate writes and reads.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{FormatVersion, Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [{"id": "ola", "side": "junior"}]}"#)?;
    /// let matching = Matcher::new().solve(&roster)?;
    /// let json: serde_json::Value = serde_json::from_str(&matching.to_json()).unwrap();
    /// assert_eq!(json["format"], FormatVersion::CURRENT);
    /// assert_eq!(FormatVersion::CURRENT, 1);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub const CURRENT: u32 = 1;
}

impl Serialize for FormatVersion {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u32(FormatVersion::CURRENT)
    }
}

impl<'de> Deserialize<'de> for FormatVersion {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let version = u32::deserialize(deserializer)?;
        if version == FormatVersion::CURRENT {
            Ok(FormatVersion)
        } else {
            Err(serde::de::Error::custom(format!(
                "format {version} is not supported: this version of the crate reads format {}",
                FormatVersion::CURRENT
            )))
        }
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for FormatVersion {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "FormatVersion".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "The version of the document's layout.",
            "type": "integer",
            "const": FormatVersion::CURRENT,
        })
    }
}
