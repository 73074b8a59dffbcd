//! `mentor-match schema`: prints the JSON Schema of a JSON output, generated from the types
//! that write it, so it cannot drift from the output. The same schemas are shipped in the
//! repository's `schemas/` folder.

use crate::Failure;
use mentor_match::Matching;
use mentor_match::evaluation::Evaluation;
use mentor_match::formats::SolutionDocument;
use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};
use serde_json::Value;

/// `mentor-match schema`: its arguments.
#[derive(Debug, Clone, PartialEq, Eq, clap::Args)]
pub struct Args {
    /// The output whose schema to print.
    #[arg(value_enum)]
    pub output: Output,
}

/// The JSON outputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Output {
    /// `mentor-match match --json`: a matching.
    Match,
    /// `mentor-match assign`: an assignment's optimum.
    Assign,
    /// `mentor-match strategies`: every strategy on one instance.
    Strategies,
    /// `mentor-match programme --json`: the rounds of a programme.
    Programme,
}

impl Output {
    /// Every JSON output.
    pub const ALL: [Output; 4] = [
        Output::Match,
        Output::Assign,
        Output::Strategies,
        Output::Programme,
    ];

    /// The output's name, as the subcommand and the schema's file name say it.
    pub fn name(self) -> &'static str {
        match self {
            Output::Match => "match",
            Output::Assign => "assign",
            Output::Strategies => "strategies",
            Output::Programme => "programme",
        }
    }

    /// The schema (draft 2020-12), with a title and an `$id` naming its file, each
    /// description the first part of the type's or field's documentation (its examples left
    /// out).
    pub fn schema(self) -> Value {
        let mut schema = match self {
            Output::Match => generate::<Matching>(),
            Output::Assign => generate::<SolutionDocument>(),
            Output::Strategies => generate::<Evaluation>(),
            Output::Programme => generate::<super::programme::Document>(),
        };
        schema.insert(
            "$id".to_owned(),
            format!("schemas/{}.schema.json", self.name()).into(),
        );
        schema.insert(
            "title".to_owned(),
            format!("mentor-match {} output", self.name()).into(),
        );
        let mut schema = schema.to_value();
        tidy(&mut schema);
        schema
    }
}

/// Cuts every `description` before the documentation's first heading (`# Examples`, …):
/// Rust code is no help to a reader of the schema.
fn tidy(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                match item {
                    Value::String(text) if key == "description" => {
                        if let Some(end) = text.find("\n# ") {
                            text.truncate(end);
                        }
                        let trimmed = text.trim_end().to_owned();
                        *text = trimmed;
                    }
                    _ => tidy(item),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(tidy),
        _ => {}
    }
}

/// The schema of `T` as serde writes it (a key skipped when empty is not required).
fn generate<T: JsonSchema>() -> Schema {
    SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<T>()
}

/// The schema `args` names, as indented JSON.
///
/// # Errors
///
/// [`Failure::Internal`] if the schema cannot be written as JSON, which does not happen.
pub fn run(args: &Args) -> Result<String, Failure> {
    let text = serde_json::to_string_pretty(&args.output.schema())
        .map_err(|e| Failure::Internal(format!("cannot write the schema: {e}")))?;
    Ok(format!("{text}\n"))
}
