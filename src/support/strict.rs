//! Strict reading of the crate's serde types: an object where an object is expected, no key
//! twice, no unknown key.
//!
//! serde's derived `Deserialize` for a struct also accepts a *sequence* of field values (for
//! formats without field names), so `[[], [{"id": "a", "side": "junior"}]]` would read as a
//! roster field by position; a map type keeps the last of two equal keys; and a unit variant
//! of an internally tagged enum ignores every key besides the tag. Each is a typo that would
//! silently change a programme, so every type of the crate with invariants or user input reads
//! through this module instead:
//!
//! - a struct derives `Deserialize` on a private *mirror* (`#[serde(remote = "...")]`, so the
//!   compiler checks that the mirror has exactly the struct's fields and types), and the
//!   struct's own impl ([`map_only!`]) runs the mirror through [`MapOnly`], which accepts only
//!   a map;
//! - a map field reads with [`unique_map`], which rejects a repeated key;
//! - an internally tagged enum reads with [`tagged`], which also rejects keys its variant does
//!   not have;
//! - a unit-only enum reads with [`named`], from a string only.
//!
//! Struct fields given twice are already an error in serde's derived code (`duplicate field`).
//!
//! All of that is serde alone, so the types read strictly from any self-describing format, with
//! or without the `json` feature. [`Tree`] (feature `json`) is the roster reader's: it keeps a
//! document's repeated keys, and reads on past a number beyond `f64`, so that every mistake
//! can be reported, not only the first.

#[cfg(feature = "json")]
use crate::support::json_text::{JSON_SPACE, is_out_of_range, nesting, offset};
#[cfg(feature = "json")]
use serde::de::SeqAccess;
use serde::de::value::StringDeserializer;
use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, Visitor,
};
use serde::ser::{self, Impossible, Serialize, SerializeStruct, Serializer};
#[cfg(feature = "json")]
use serde_json::value::RawValue;
#[cfg(feature = "json")]
use serde_json::{Map, Number, Value};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;

/// A deserializer that hands its visitor a map or nothing: whatever type is asked for, it asks
/// the wrapped deserializer for a map, so a sequence (or any other value) is an "invalid type"
/// error that names what was expected.
pub(crate) struct MapOnly<D>(pub(crate) D);

impl<'de, D: Deserializer<'de>> Deserializer<'de> for MapOnly<D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}

/// Implements `Deserialize` for a struct through its derived private mirror, objects only.
macro_rules! map_only {
    ($ty:ty, $mirror:ident) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $mirror::deserialize($crate::support::strict::MapOnly(d))
            }
        }
    };
}
pub(crate) use map_only;

/// Reads a unit-only enum from its name alone: a string, as the enum writes itself. (serde's
/// derived reader also takes `{"name": null}`, an object where a string belongs.) `read` is the
/// enum's derived reader.
pub(crate) fn named<'de, D, T>(
    d: D,
    read: impl FnOnce(StringDeserializer<D::Error>) -> Result<T, D::Error>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let name = String::deserialize(d)?;
    read(name.into_deserializer())
}

/// Reads a map with string keys, rejecting a key given twice (serde's own maps keep the last).
pub(crate) fn unique_map<'de, D, V>(d: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct Unique<V>(std::marker::PhantomData<V>);

    impl<'de, V: Deserialize<'de>> Visitor<'de> for Unique<V> {
        type Value = BTreeMap<String, V>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(key) = map.next_key::<String>()? {
                if out.contains_key(&key) {
                    return Err(de::Error::custom(format_args!("duplicate key `{key}`")));
                }
                let value = map.next_value()?;
                out.insert(key, value);
            }
            Ok(out)
        }
    }

    d.deserialize_map(Unique(std::marker::PhantomData))
}

/// A JSON value that keeps what `serde_json::Value` loses: every key of an object in order,
/// repeats included, and a number beyond `f64`. Used to find every mistake of a roster or
/// criteria document; read with [`Tree::read`].
#[cfg(feature = "json")]
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tree {
    /// Null, a boolean, a number or a string.
    Leaf(Value),
    /// A number beyond `f64` (`1e400`): JSON, but no `f64` holds it. Where it ends in the text
    /// read, in bytes: where the JSON reader stops on it.
    TooLarge(usize),
    /// An array.
    List(Vec<Tree>),
    /// An object: its entries as written.
    Object(Vec<(String, Tree)>),
}

#[cfg(feature = "json")]
impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TreeVisitor;

        impl<'de> Visitor<'de> for TreeVisitor {
            type Value = Tree;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_unit<E>(self) -> Result<Tree, E> {
                Ok(Tree::Leaf(Value::Null))
            }
            fn visit_none<E>(self) -> Result<Tree, E> {
                Ok(Tree::Leaf(Value::Null))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Tree, D::Error> {
                Tree::deserialize(d)
            }
            fn visit_bool<E>(self, b: bool) -> Result<Tree, E> {
                Ok(Tree::Leaf(Value::Bool(b)))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Tree, E> {
                Ok(Tree::Leaf(Value::Number(n.into())))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Tree, E> {
                Ok(Tree::Leaf(Value::Number(n.into())))
            }
            fn visit_f64<E: de::Error>(self, x: f64) -> Result<Tree, E> {
                // serde_json never yields a non-finite number; refuse one from elsewhere.
                Number::from_f64(x)
                    .map(|n| Tree::Leaf(Value::Number(n)))
                    .ok_or_else(|| E::custom(format_args!("{x} is not a JSON number")))
            }
            fn visit_str<E>(self, s: &str) -> Result<Tree, E> {
                Ok(Tree::Leaf(Value::String(s.to_owned())))
            }
            fn visit_string<E>(self, s: String) -> Result<Tree, E> {
                Ok(Tree::Leaf(Value::String(s)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Tree::List(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
                let mut entries = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, Tree>()? {
                    entries.push((key, value));
                }
                Ok(Tree::Object(entries))
            }
        }

        d.deserialize_any(TreeVisitor)
    }
}

/// The most arrays and objects the JSON reader takes nested one in another (its recursion
/// limit, 128, is reached by the one more): [`Tree::read`] holds the whole document to it,
/// though it reads the document in parts.
#[cfg(feature = "json")]
const MAX_NESTING: usize = 127;

/// How many times the document's length [`Tree::read`] reads at most, in all its readings
/// together, besides [`REREAD_FLOOR`].
#[cfg(feature = "json")]
const REREAD_FACTOR: usize = 8;

/// The bytes [`Tree::read`] may read whatever the document's length: a small document nested
/// deep is read in full.
#[cfg(feature = "json")]
const REREAD_FLOOR: usize = 1 << 20;

/// A reading of [`Tree::read`]: the document, and the bytes it may still read.
#[cfg(feature = "json")]
struct Reading<'t> {
    text: &'t str,
    left: usize,
}

#[cfg(feature = "json")]
impl<'t> Reading<'t> {
    /// Takes `part` from the bytes left to read; `None` when there are not so many.
    fn charge(&mut self, part: &str) -> Option<()> {
        self.left = self.left.checked_sub(part.len())?;
        Some(())
    }

    /// Reads `part`, a value of the document, as [`Tree::read`] does.
    fn part(&mut self, part: &'t str) -> Option<Tree> {
        self.charge(part)?;
        match serde_json::from_str::<Tree>(part) {
            Ok(tree) => Some(tree),
            Err(e) if is_out_of_range(&e) => self.apart(part),
            Err(_) => None,
        }
    }

    /// Reads `part`, a value of the document at which the JSON reader stopped on a number
    /// beyond `f64`, by taking it apart: the number itself, or each entry on its own.
    fn apart(&mut self, part: &'t str) -> Option<Tree> {
        let value = part.trim_matches(JSON_SPACE);
        match value.as_bytes().first() {
            Some(b'{') => {
                self.charge(value)?;
                let RawEntries(entries) = serde_json::from_str(value).ok()?;
                entries
                    .into_iter()
                    .map(|(key, raw)| Some((key, self.part(raw.get())?)))
                    .collect::<Option<_>>()
                    .map(Tree::Object)
            }
            Some(b'[') => {
                self.charge(value)?;
                let items: Vec<&RawValue> = serde_json::from_str(value).ok()?;
                items
                    .into_iter()
                    .map(|raw| self.part(raw.get()))
                    .collect::<Option<_>>()
                    .map(Tree::List)
            }
            // The number itself.
            _ => Some(Tree::TooLarge(offset(self.text, value) + value.len())),
        }
    }
}

#[cfg(feature = "json")]
impl Tree {
    /// Reads `text`, a JSON value; `None` where it is not one.
    ///
    /// The JSON reader stops at a number beyond `f64`, though JSON allows it. Where it does,
    /// the value holding the number is taken apart, each entry as the text it stands on
    /// (`serde_json`'s `RawValue`, borrowed), and each entry is read on its own the same way:
    /// the number becomes a [`Tree::TooLarge`] and the reading goes on past it. Only the
    /// values holding such a number are taken apart, so a document without one is read once.
    ///
    /// Two bounds hold as in one reading: the document may nest at most as deep as the JSON
    /// reader allows ([`MAX_NESTING`]; deeper, `None`), though each part read alone would be
    /// allowed as much again; and it is read at most [`REREAD_FACTOR`] times its length (plus
    /// [`REREAD_FLOOR`]) in all, else `None` (a value nested deep is read again at each
    /// level that holds such a number).
    pub(crate) fn read(text: &str) -> Option<Tree> {
        let budget = text
            .len()
            .saturating_mul(REREAD_FACTOR)
            .saturating_add(REREAD_FLOOR);
        Tree::read_within(text, budget).0
    }

    /// [`Tree::read`] reading at most `budget` bytes, and the bytes it read (the first
    /// reading included; where the budget ran out, not the reading that would have passed it).
    fn read_within(text: &str, budget: usize) -> (Option<Tree>, usize) {
        let mut reading = Reading { text, left: budget };
        let tree = reading
            .charge(text)
            .and_then(|()| match serde_json::from_str::<Tree>(text) {
                Ok(tree) => Some(tree),
                Err(e) if is_out_of_range(&e) && nesting(text) <= MAX_NESTING => {
                    reading.apart(text)
                }
                Err(_) => None,
            });
        (tree, budget - reading.left)
    }

    /// Where each number beyond `f64` inside this value ends in the text read, in the order
    /// of the text (see [`Tree::TooLarge`]).
    pub(crate) fn too_large(&self) -> Vec<usize> {
        fn collect(tree: &Tree, ends: &mut Vec<usize>) {
            match tree {
                Tree::Leaf(_) => {}
                Tree::TooLarge(end) => ends.push(*end),
                Tree::List(items) => items.iter().for_each(|item| collect(item, ends)),
                Tree::Object(entries) => entries.iter().for_each(|(_, v)| collect(v, ends)),
            }
        }
        let mut ends = Vec::new();
        collect(self, &mut ends);
        ends
    }

    /// The first key of an object given more than once, anywhere inside this value.
    pub(crate) fn repeated_key(&self) -> Option<&str> {
        match self {
            Tree::Leaf(_) | Tree::TooLarge(_) => None,
            Tree::List(items) => items.iter().find_map(Tree::repeated_key),
            Tree::Object(entries) => first_repeated(entries)
                .or_else(|| entries.iter().find_map(|(_, v)| v.repeated_key())),
        }
    }

    /// Writes the value as JSON text onto `out`, as written: every key of an object, repeats
    /// included, and a number beyond `f64` as `1e400`, so that serde_json reads it as it read
    /// the document (a repeated field or such a number is a mistake where it is read, and
    /// nothing where the reader passes over the value).
    pub(crate) fn write_json(&self, out: &mut String) {
        match self {
            Tree::Leaf(v) => out.push_str(&v.to_string()),
            Tree::TooLarge(_) => out.push_str("1e400"),
            Tree::List(items) => {
                out.push('[');
                for (k, item) in items.iter().enumerate() {
                    if k > 0 {
                        out.push(',');
                    }
                    item.write_json(out);
                }
                out.push(']');
            }
            Tree::Object(entries) => {
                out.push('{');
                for (k, (key, value)) in entries.iter().enumerate() {
                    if k > 0 {
                        out.push(',');
                    }
                    out.push_str(&Value::from(key.as_str()).to_string());
                    out.push(':');
                    value.write_json(out);
                }
                out.push('}');
            }
        }
    }

    /// The value as a `serde_json::Value`. Of a repeated key, the first occurrence stays, as
    /// [`Tree::get`] finds it (the readers check the others on their own). A number beyond
    /// `f64` has no such value and stands as `null`: ask [`Tree::too_large`] first.
    pub(crate) fn to_value(&self) -> Value {
        match self {
            Tree::Leaf(v) => v.clone(),
            Tree::TooLarge(_) => Value::Null,
            Tree::List(items) => Value::Array(items.iter().map(Tree::to_value).collect()),
            Tree::Object(entries) => {
                let mut object = Map::new();
                for (k, v) in entries {
                    if !object.contains_key(k) {
                        object.insert(k.clone(), v.to_value());
                    }
                }
                Value::Object(object)
            }
        }
    }

    /// The value of `key` in an object (its first occurrence).
    pub(crate) fn get(&self, key: &str) -> Option<&Tree> {
        match self {
            Tree::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// An object's entries, each value as the text it stands on, in the order written (repeats
/// kept): how [`Tree::read`] takes an object apart.
#[cfg(feature = "json")]
struct RawEntries<'t>(Vec<(String, &'t RawValue)>);

#[cfg(feature = "json")]
impl<'de> Deserialize<'de> for RawEntries<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;

        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = RawEntries<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<String, &'de RawValue>()? {
                    entries.push(entry);
                }
                Ok(RawEntries(entries))
            }
        }

        d.deserialize_map(EntriesVisitor)
    }
}

/// The keys of `entries` given more than once, each once, in the order of their second
/// occurrence.
#[cfg(feature = "json")]
pub(crate) fn repeated(entries: &[(String, Tree)]) -> Vec<&str> {
    let mut seen = std::collections::BTreeSet::new();
    // A set as well as the list: an object of 50,000 keys each given twice took 15 s when
    // each repeat was looked for in the list.
    let mut named = std::collections::BTreeSet::new();
    let mut twice = Vec::new();
    for (k, _) in entries {
        if !seen.insert(k.as_str()) && named.insert(k.as_str()) {
            twice.push(k.as_str());
        }
    }
    twice
}

/// The first key of `entries` given more than once (at its second occurrence).
#[cfg(feature = "json")]
fn first_repeated(entries: &[(String, Tree)]) -> Option<&str> {
    let mut seen = std::collections::BTreeSet::new();
    entries
        .iter()
        .map(|(k, _)| k.as_str())
        .find(|k| !seen.insert(*k))
}

/// Reads an internally tagged enum strictly: an object, no key twice, and no key that the
/// variant read does not have. `read` is the enum's derived (lenient) reader.
///
/// The derived reader rejects unknown and repeated keys of a struct variant itself (the enums
/// deny unknown fields), but a unit variant ignores every key besides the tag. So the object's
/// top-level keys are recorded as the derived reader takes them ([`Recording`]), and checked
/// against the keys the variant read writes back ([`field_names`]): each key read must be among
/// them. This holds because these enums write every field of every variant. Values deeper
/// down are the derived readers' of their own (strict) types.
pub(crate) fn tagged<'de, D, T>(
    d: D,
    read: impl FnOnce(Recording<D>) -> Result<T, D::Error>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Serialize,
{
    let keys = Rc::new(RefCell::new(Vec::new()));
    let out = read(Recording {
        inner: d,
        keys: Rc::clone(&keys),
    })?;
    let keys = keys.take();
    let written = field_names(&out).map_err(de::Error::custom)?;
    for (k, key) in keys.iter().enumerate() {
        if keys[..k].contains(key) {
            return Err(de::Error::custom(format_args!("duplicate field `{key}`")));
        }
        if !written.contains(&key.as_str()) {
            return Err(de::Error::custom(format_args!("unknown field `{key}`")));
        }
    }
    Ok(out)
}

/// A deserializer that hands its visitor a map, as [`MapOnly`] does, and records the map's keys
/// (its top level only) as the visitor takes them. Keys are read as strings.
pub(crate) struct Recording<D> {
    inner: D,
    keys: Rc<RefCell<Vec<String>>>,
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Recording<D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_map(RecordingVisitor {
            inner: visitor,
            keys: self.keys,
        })
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}

/// The visitor of [`Recording`]: the wrapped visitor, handed a recording map.
struct RecordingVisitor<V> {
    inner: V,
    keys: Rc<RefCell<Vec<String>>>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for RecordingVisitor<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.inner.visit_map(RecordingMap {
            inner: map,
            keys: self.keys,
        })
    }
}

/// The map of [`Recording`]: each key is read as a string, recorded, then handed on.
struct RecordingMap<A> {
    inner: A,
    keys: Rc<RefCell<Vec<String>>>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for RecordingMap<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let Some(key) = self.inner.next_key::<String>()? else {
            return Ok(None);
        };
        self.keys.borrow_mut().push(key.clone());
        let key: StringDeserializer<A::Error> = key.into_deserializer();
        seed.deserialize(key).map(Some)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        self.inner.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

/// The keys `value` writes, in order, when it writes itself as a struct (an internally tagged
/// variant writes its tag first, then its fields); an error for anything else.
pub(crate) fn field_names<T: Serialize>(value: &T) -> Result<Vec<&'static str>, de::value::Error> {
    value.serialize(FieldNames(Vec::new()))
}

/// A serializer that keeps only the field names of a struct.
struct FieldNames(Vec<&'static str>);

/// The error of [`FieldNames`] for what is not a struct.
fn not_a_struct() -> de::value::Error {
    ser::Error::custom("expected a struct")
}

impl SerializeStruct for FieldNames {
    type Ok = Vec<&'static str>;
    type Error = de::value::Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        _value: &T,
    ) -> Result<(), Self::Error> {
        self.0.push(key);
        Ok(())
    }

    fn end(self) -> Result<Self::Ok, Self::Error> {
        Ok(self.0)
    }
}

/// The methods of [`FieldNames`] for values that are not structs: each is an error.
macro_rules! not_a_struct {
    ($($method:ident($($arg:ty),*) -> $out:ty;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$out, Self::Error> {
            Err(not_a_struct())
        })*
    };
}

impl Serializer for FieldNames {
    type Ok = Vec<&'static str>;
    type Error = de::value::Error;
    type SerializeSeq = Impossible<Self::Ok, Self::Error>;
    type SerializeTuple = Impossible<Self::Ok, Self::Error>;
    type SerializeTupleStruct = Impossible<Self::Ok, Self::Error>;
    type SerializeTupleVariant = Impossible<Self::Ok, Self::Error>;
    type SerializeMap = Impossible<Self::Ok, Self::Error>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<Self::Ok, Self::Error>;

    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Self::Error> {
        Ok(self)
    }

    not_a_struct! {
        serialize_bool(bool) -> Self::Ok;
        serialize_i8(i8) -> Self::Ok;
        serialize_i16(i16) -> Self::Ok;
        serialize_i32(i32) -> Self::Ok;
        serialize_i64(i64) -> Self::Ok;
        serialize_u8(u8) -> Self::Ok;
        serialize_u16(u16) -> Self::Ok;
        serialize_u32(u32) -> Self::Ok;
        serialize_u64(u64) -> Self::Ok;
        serialize_f32(f32) -> Self::Ok;
        serialize_f64(f64) -> Self::Ok;
        serialize_char(char) -> Self::Ok;
        serialize_str(&str) -> Self::Ok;
        serialize_bytes(&[u8]) -> Self::Ok;
        serialize_none() -> Self::Ok;
        serialize_unit() -> Self::Ok;
        serialize_unit_struct(&'static str) -> Self::Ok;
        serialize_unit_variant(&'static str, u32, &'static str) -> Self::Ok;
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize)
            -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct_variant(&'static str, u32, &'static str, usize)
            -> Self::SerializeStructVariant;
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<Self::Ok, Self::Error> {
        Err(not_a_struct())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _value: &T,
    ) -> Result<Self::Ok, Self::Error> {
        Err(not_a_struct())
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<Self::Ok, Self::Error> {
        Err(not_a_struct())
    }
}

#[cfg(all(test, feature = "json"))]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    #[serde(remote = "Point", deny_unknown_fields)]
    struct PointMirror {
        x: u8,
        #[serde(default)]
        y: u8,
    }

    #[derive(Debug, PartialEq)]
    struct Point {
        x: u8,
        y: u8,
    }

    map_only!(Point, PointMirror);

    #[test]
    fn structs_read_from_objects_only() {
        let p: Point = serde_json::from_str(r#"{"x": 1}"#).unwrap();
        assert_eq!(p, Point { x: 1, y: 0 });
        let err = serde_json::from_str::<Point>("[1, 2]").unwrap_err();
        assert!(err.to_string().contains("invalid type: sequence"), "{err}");
        let err = serde_json::from_str::<Point>(r#"{"x": 1, "x": 2}"#).unwrap_err();
        assert!(err.to_string().contains("duplicate field `x`"), "{err}");
        assert!(serde_json::from_str::<Point>("3").is_err());
        // Through a `Value` too.
        assert!(Point::deserialize(&serde_json::json!([1, 2])).is_err());
    }

    #[test]
    fn maps_reject_a_repeated_key() {
        let mut de = serde_json::Deserializer::from_str(r#"{"a": 3, "b": 1, "a": 5}"#);
        let err = unique_map::<_, u8>(&mut de).unwrap_err();
        assert!(err.to_string().contains("duplicate key `a`"), "{err}");
        let mut de = serde_json::Deserializer::from_str(r#"{"a": 3, "b": 1}"#);
        assert_eq!(unique_map::<_, u8>(&mut de).unwrap().len(), 2);
    }

    #[derive(Debug, PartialEq, serde::Serialize)]
    #[serde(tag = "kind", rename_all = "snake_case")]
    enum Shape {
        Dot,
        Disc { radius: u8 },
    }

    #[derive(serde::Deserialize)]
    #[serde(
        remote = "Shape",
        tag = "kind",
        rename_all = "snake_case",
        deny_unknown_fields
    )]
    enum ShapeMirror {
        Dot,
        Disc { radius: u8 },
    }

    impl<'de> Deserialize<'de> for Shape {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            tagged(d, ShapeMirror::deserialize)
        }
    }

    #[test]
    fn tagged_enums_take_their_variants_keys_only() {
        let read = |text| serde_json::from_str::<Shape>(text);
        assert_eq!(read(r#"{"kind": "dot"}"#).unwrap(), Shape::Dot);
        assert_eq!(
            read(r#"{"radius": 3, "kind": "disc"}"#).unwrap(),
            Shape::Disc { radius: 3 }
        );
        // The derived reader alone would take the unit variant with any other key.
        let err = read(r#"{"kind": "dot", "radius": 3}"#).unwrap_err();
        assert!(
            err.to_string().starts_with("unknown field `radius`"),
            "{err}"
        );
        let err = read(r#"{"kind": "dot", "kind": "dot"}"#).unwrap_err();
        assert!(
            err.to_string().starts_with("duplicate field `kind`"),
            "{err}"
        );
        let err = read(r#"{"kind": "disc", "radius": 3, "radius": 4}"#).unwrap_err();
        assert!(
            err.to_string().starts_with("duplicate field `radius`"),
            "{err}"
        );
        let err = read(r#"{"kind": "disc", "radius": 3, "colour": 4}"#).unwrap_err();
        assert!(
            err.to_string().starts_with("unknown field `colour`"),
            "{err}"
        );
        // An object only: the derived reader would take `["dot"]`, the tag first.
        assert!(read(r#"["dot"]"#).is_err());
        assert!(read(r#""dot""#).is_err());
        // Through a `Value` too.
        assert!(Shape::deserialize(serde_json::json!({"kind": "dot", "x": null})).is_err());
        assert_eq!(
            field_names(&Shape::Disc { radius: 1 }).unwrap(),
            ["kind", "radius"]
        );
        assert!(field_names(&3).is_err());
    }

    #[test]
    fn trees_keep_repeated_keys() {
        let tree: Tree =
            serde_json::from_str(r#"{"a": [1, {"b": 2, "b": 3}], "c": null}"#).unwrap();
        assert_eq!(tree.repeated_key(), Some("b"));
        assert_eq!(
            tree.to_value(),
            serde_json::json!({"a": [1, {"b": 2}], "c": null})
        );
        let Tree::Object(entries) =
            serde_json::from_str::<Tree>(r#"{"a": 1, "a": 2, "a": 3}"#).unwrap()
        else {
            panic!("an object")
        };
        assert_eq!(repeated(&entries), ["a"]);
    }

    #[test]
    fn trees_read_past_numbers_beyond_f64() {
        let text = "{\"a\": [1, -1e400, {\"b\": 2, \"b\": 1e400}], \"c\": 1e400}";
        let tree = Tree::read(text).unwrap();
        let end = |number: &str| text.find(number).unwrap() + number.len();
        let ends = tree.too_large();
        assert_eq!(ends.len(), 3);
        assert_eq!(ends[0], end("-1e400"));
        assert_eq!(&text[..ends[2]], text.trim_end_matches('}'));
        assert_eq!(tree.repeated_key(), Some("b"));
        assert_eq!(
            tree.to_value(),
            serde_json::json!({"a": [1, null, {"b": 2}], "c": null})
        );
        // Read as the JSON reader reads where no number stops it.
        let plain = r#"{"a": [1, {"b": 2, "b": 3}], "c": 1e-400}"#;
        assert_eq!(Tree::read(plain), serde_json::from_str(plain).ok());
        // Not JSON after the number, or nested deeper than the reader's limit: not read.
        assert_eq!(Tree::read(r#"{"a": 1e400, "b": }"#), None);
        assert_eq!(Tree::read("[1e400] x"), None);
        let deep = format!("{}1e400{}", "[".repeat(200), "]".repeat(200));
        assert_eq!(Tree::read(&deep), None);
        let deep = format!("{}1e400{}", "[".repeat(100), "]".repeat(100));
        assert_eq!(Tree::read(&deep).unwrap().too_large().len(), 1);
    }

    /// `levels` arrays nested, the innermost holding `inner`.
    fn nested(levels: usize, inner: &str) -> String {
        format!("{}{inner}{}", "[".repeat(levels), "]".repeat(levels))
    }

    #[test]
    fn trees_nest_no_deeper_than_the_json_reader_allows() {
        // The JSON reader's limit, as the constant says.
        let plain = |levels| serde_json::from_str::<Value>(&nested(levels, "1")).is_ok();
        assert!(plain(MAX_NESTING));
        assert!(!plain(MAX_NESTING + 1));
        // The whole document is held to it, though each part, read alone, is allowed as much.
        let beside = |levels| format!("[[1e400], {}]", nested(levels, "1"));
        assert_eq!(
            Tree::read(&beside(MAX_NESTING - 1))
                .unwrap()
                .too_large()
                .len(),
            1
        );
        assert_eq!(Tree::read(&beside(MAX_NESTING)), None);
        let around = |levels| nested(levels, "1e400");
        assert!(Tree::read(&around(MAX_NESTING)).is_some());
        assert_eq!(Tree::read(&around(MAX_NESTING + 1)), None);
        assert_eq!(Tree::read(&nested(250, "1e400")), None);
    }

    #[test]
    fn trees_are_read_again_a_bounded_number_of_times() {
        // A long value nested deep, the number at the end: each level holding it is read
        // twice (the level, then its entries), so without a bound the document is read over
        // two hundred times.
        let long = format!("\"{}\", 1e400", "x".repeat(200_000));
        let deep = nested(120, &long);
        let (tree, read) = Tree::read_within(&deep, usize::MAX);
        assert_eq!(tree.unwrap().too_large().len(), 1);
        assert!(read > 200 * deep.len(), "{read}");
        // Within the bound: given up, and read no more than it.
        let budget = deep.len() * REREAD_FACTOR + REREAD_FLOOR;
        let (tree, read) = Tree::read_within(&deep, budget);
        assert_eq!(tree, None);
        assert!(read <= budget, "{read}");
        assert_eq!(Tree::read(&deep), None);
        // The same value nested a little, or a small document nested deep, reads.
        assert!(Tree::read(&nested(3, &long)).is_some());
        assert!(Tree::read(&nested(120, "\"x\", 1e400")).is_some());
    }
}

/// serde_json's message without its trailing position, which the error carries as fields.
#[cfg(feature = "json")]
pub(crate) fn strip_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&suffix)
        .map(str::to_owned)
        .unwrap_or(text)
}
