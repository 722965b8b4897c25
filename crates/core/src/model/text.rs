//! `Text`: an immutable string that clones by sharing. The secret list holds 100,000 rows
//! whose regions, tags and staging labels are mostly the same few strings; the list keeps
//! one copy of each (`features/browse/intern.rs`) and every row points at it, where a
//! `String` each was a heap allocation a field (BENCHMARKS.md, "Memory across accounts").
//! It reads and compares as the `str` it holds.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// An immutable, shared string: its text on the heap once however many hold it. One
/// pointer (8 bytes, and `Option<Text>` too), not a pointer and a length: a listed secret
/// holds five, mostly the same few strings, and the second hop to the bytes is paid only
/// when one is read.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Text(Arc<Box<str>>);

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `self` and `other` share one heap copy (not only equal text).
    pub(crate) fn shares(&self, other: &Text) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }

    /// Whether nothing but `self` holds this copy.
    pub(crate) fn alone(&self) -> bool {
        Arc::strong_count(&self.0) == 1
    }
}

impl Default for Text {
    fn default() -> Self {
        Text::from("")
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

// As the text: a field in a test failure reads as the string it is.
impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Text(Arc::new(text.into()))
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Text(Arc::new(text.into_boxed_str()))
    }
}

impl From<&String> for Text {
    fn from(text: &String) -> Self {
        Text::from(text.as_str())
    }
}

impl From<Text> for String {
    fn from(text: Text) -> Self {
        text.as_str().to_owned()
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        self == other.as_str()
    }
}

impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Text::from)
    }
}

#[cfg(test)]
mod tests {
    use super::Text;

    #[test]
    fn reads_and_compares_as_its_text_and_clones_share_it() {
        let region = Text::from("eu-west-1");
        assert_eq!(region, "eu-west-1");
        assert_eq!("eu-west-1", region);
        assert_eq!(region, String::from("eu-west-1"));
        assert_eq!(region.len(), 9, "derefs to str");
        assert_eq!(format!("{region} {region:?}"), "eu-west-1 \"eu-west-1\"");
        let again = region.clone();
        assert!(again.shares(&region) && !region.alone());
        let equal = Text::from(String::from("eu-west-1"));
        assert!(equal == region && !equal.shares(&region) && equal.alone());
        let json = serde_json::to_string(&region).expect("serialise");
        assert_eq!(json, "\"eu-west-1\"");
        let back: Text = serde_json::from_str(&json).expect("read back");
        assert_eq!(back, region);
        assert_eq!(size_of::<Option<Text>>(), 8, "one pointer");
    }
}
