//! Every mistake in the arguments, not only the first.
//!
//! clap stops at the first argument it rejects. A coordinator who typed three wrong values
//! should not have to run the tool three times to learn of them, so on a rejection the
//! rejected argument is taken out of the list and the rest parsed again, until clap accepts
//! what is left or meets a mistake it cannot point at in the list (a missing argument, an
//! unknown subcommand). The message lists the mistakes in the order of the arguments at
//! fault (those at no one argument last), then the usage once.

use crate::Cli;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{CommandFactory, Parser};
use mentor_match::error::MAX_LISTED;
use std::ffi::OsString;

/// What parsing the arguments gave.
#[derive(Debug)]
pub(crate) enum Parsed {
    /// The arguments, parsed.
    Run(Cli),
    /// `--help` or `--version`: the text to print, not a failure.
    Show(String),
    /// Every mistake found, in one message in clap's layout: each mistake's `error: ...` lines
    /// in the order of the arguments at fault, then the usage and the hint to `--help` once.
    Mistakes(String),
}

/// Parses `args` (the program name first), naming every mistake when there are any.
pub(crate) fn parse(args: impl IntoIterator<Item = impl Into<OsString> + Clone>) -> Parsed {
    let mut args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    // Where each argument left stood in the command line.
    let mut position: Vec<usize> = (0..args.len()).collect();
    // Each mistake with the position of its argument (`usize::MAX` when it is at none).
    let mut found: Vec<(usize, clap::Error)> = Vec::new();
    // The arguments taken out so far, as clap names them (`--format <FORMAT>`, `<MATRIX>`): a
    // required one of them then reported missing is our doing, not the user's.
    let mut taken_out: Vec<String> = Vec::new();
    loop {
        let error = match Cli::try_parse_from(&args) {
            Ok(cli) if found.is_empty() => return Parsed::Run(cli),
            Ok(_) => break,
            Err(error) => error,
        };
        let shows = matches!(
            error.kind(),
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
        );
        if shows && found.is_empty() {
            return Parsed::Show(error.render().to_string());
        }
        // What is left asks for the help (`--bogus --help`, or nothing but `--bogus` after
        // the program's name): the mistakes found are the answer.
        let help_after_mistakes =
            shows || error.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand;
        if help_after_mistakes && !found.is_empty() {
            break;
        }
        if error.kind() == ErrorKind::MissingRequiredArgument
            && strings(&error, ContextKind::InvalidArg)
                .iter()
                .any(|missing| taken_out.contains(missing))
        {
            break;
        }
        let culprit = take_out(&mut args, &error);
        let at = match &culprit {
            Some((_, span)) => {
                let at = position[span.start];
                position.drain(span.clone());
                at
            }
            None => usize::MAX,
        };
        found.push((at, error));
        match culprit {
            Some((name, _)) if found.len() < MAX_LISTED => taken_out.push(name),
            _ => break,
        }
    }
    // clap meets unknown arguments before bad values, and both before conflicts; the user
    // reads the command line from the left. The sort is stable.
    found.sort_by_key(|(at, _)| *at);
    let found: Vec<clap::Error> = found.into_iter().map(|(_, e)| e).collect();
    Parsed::Mistakes(message(&found))
}

/// One message for `found` (not empty) in clap's layout: each mistake's own lines (its
/// `error: ...` and tips), then the first mistake's usage and hint.
fn message(found: &[clap::Error]) -> String {
    let rendered: Vec<String> = found.iter().map(|e| e.render().to_string()).collect();
    if let [one] = &rendered[..] {
        return one.clone();
    }
    let (heads, tails): (Vec<&str>, Vec<&str>) = rendered
        .iter()
        .map(|text| {
            let end = ["\n\nUsage:", "\n\nFor more information"]
                .iter()
                .filter_map(|marker| text.find(marker))
                .min()
                .unwrap_or(text.len());
            (text[..end].trim_end(), &text[end..])
        })
        .unzip();
    let mut text = heads.join("\n\n");
    if found.len() == MAX_LISTED {
        text.push_str(&format!(
            "\n\nerror: more arguments may be wrong: the first {MAX_LISTED} mistakes are named"
        ));
    }
    let tail = tails
        .iter()
        .find(|t| !t.is_empty())
        .copied()
        .unwrap_or("\n");
    text.push_str(tail);
    text
}

/// Takes the argument `error` rejects out of `args`, and returns clap's name for it and where
/// it stood; `None` when the mistake is not one argument of the list, or when more than one
/// token could be it (a later copy of a rejected value may be another option's value): then
/// nothing is taken out and the search ends, so no mistake is ever reported that the user did
/// not make.
fn take_out(
    args: &mut Vec<OsString>,
    error: &clap::Error,
) -> Option<(String, std::ops::Range<usize>)> {
    let arg = string(error, ContextKind::InvalidArg)?;
    let value = string(error, ContextKind::InvalidValue);
    let tokens: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let span = match error.kind() {
        // clap names an unknown argument as it was written, without any `=value`.
        ErrorKind::UnknownArgument => only(
            (1..tokens.len())
                .filter(|&at| tokens[at] == arg || is_option_with_value(&tokens[at], &arg))
                .map(|at| at..at + 1),
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => match option_name(&arg) {
            Some(option) => only(
                spellings(&tokens, option)
                    .iter()
                    .flat_map(|name| option_spans(&tokens, name, value.as_deref()))
                    .collect::<Vec<_>>()
                    .into_iter(),
            ),
            None => {
                let value = value?;
                only(
                    (1..tokens.len())
                        .filter(|&at| tokens[at] == value)
                        .map(|at| at..at + 1),
                )
            }
        },
        // Given twice, the later one goes; beside an argument it excludes, the one clap
        // names. Either way the last use, which no other argument can be.
        ErrorKind::ArgumentConflict => {
            let names = spellings(&tokens, option_name(&arg)?);
            let written = |at: usize| {
                names
                    .iter()
                    .find(|name| tokens[at] == **name || is_option_with_value(&tokens[at], name))
            };
            let at = (1..tokens.len()).rev().find(|&at| written(at).is_some())?;
            let with_value =
                arg.contains('<') && written(at) == Some(&tokens[at]) && at + 1 < tokens.len();
            Some(at..if with_value { at + 2 } else { at + 1 })
        }
        _ => None,
    }?;
    args.drain(span.clone());
    Some((arg, span))
}

/// The one item of `spans`, if there is exactly one.
fn only(mut spans: impl Iterator<Item = std::ops::Range<usize>>) -> Option<std::ops::Range<usize>> {
    let first = spans.next()?;
    spans.next().is_none().then_some(first)
}

/// Every use of option `option` that could hold the rejected `value`: as `--option=value` or
/// `--option value`, the value whole or one of its comma-separated items. A missing or empty
/// value (`None` or empty) is a use with no value after it (clap's rule: a token that starts
/// with `-` is not a value, so `--csv --svg out.svg` is `--csv` alone) or with an empty item.
fn option_spans<'a>(
    tokens: &'a [String],
    option: &'a str,
    value: Option<&'a str>,
) -> impl Iterator<Item = std::ops::Range<usize>> + 'a {
    let value = value.unwrap_or("");
    let holds = move |given: &str| given == value || given.split(',').any(|item| item == value);
    (1..tokens.len()).filter_map(move |at| {
        let token = &tokens[at];
        if is_option_with_value(token, option) {
            return holds(&token[option.len() + 1..]).then_some(at..at + 1);
        }
        if token != option {
            return None;
        }
        match tokens.get(at + 1) {
            Some(next) if !next.starts_with('-') || (!value.is_empty() && holds(next)) => {
                holds(next).then_some(at..at + 2)
            }
            // No value after it: the use clap found without one.
            _ => value.is_empty().then_some(at..at + 1),
        }
    })
}

/// Every way to write `option` (`--seed`) in the subcommand of `tokens`: its long name and
/// its aliases (`--seeds`), as clap names the option by its long name whichever was written.
fn spellings(tokens: &[String], option: &str) -> Vec<String> {
    let command = Cli::command();
    let long = option.trim_start_matches("--");
    let subcommand = tokens.get(1).and_then(|name| {
        command
            .get_subcommands()
            .find(|sub| sub.get_name() == name || sub.get_all_aliases().any(|a| a == name))
    });
    let mut names = vec![option.to_owned()];
    let arg = subcommand
        .unwrap_or(&command)
        .get_arguments()
        .find(|arg| arg.get_long() == Some(long));
    if let Some(aliases) = arg.and_then(clap::Arg::get_all_aliases) {
        names.extend(aliases.into_iter().map(|alias| format!("--{alias}")));
    }
    names
}

/// `--name` of clap's name for an option (`--format <FORMAT>`); `None` for a positional
/// argument (`<MATRIX>`, `[ROSTER]`).
fn option_name(arg: &str) -> Option<&str> {
    let name = arg.split_whitespace().next()?;
    name.starts_with("--").then_some(name)
}

/// Whether `token` is `option=...`.
fn is_option_with_value(token: &str, option: &str) -> bool {
    token
        .strip_prefix(option)
        .is_some_and(|rest| rest.starts_with('='))
}

/// The text of `error`'s context `kind`, when it is one string.
fn string(error: &clap::Error, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        _ => None,
    }
}

/// The texts of `error`'s context `kind`, one or several.
fn strings(error: &clap::Error, kind: ContextKind) -> Vec<String> {
    match error.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(list)) => list.clone(),
        _ => Vec::new(),
    }
}
