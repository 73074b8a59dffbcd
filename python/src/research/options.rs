//! The options of a seeded population, by keyword, checked by the crate, and the limits on
//! its size.

use super::convert::{count_of, type_name, whole};
use crate::errors::{type_error, value_error};
use mentor_match::generate::Population;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use std::ops::RangeInclusive;

/// The most junior × senior pairs `population` and `experiment` draw and score, as
/// `mentor-match compare` allows: every pair's scores are held (19 bytes a pair, and the
/// arrays returned).
const MAX_PAIRS: usize = 10_000_000;

/// The most participants `population`, `population_roster` and `experiment` draw. The crate
/// refuses more than `u32::MAX` but allocates a roster for any fewer; this keeps a mistyped
/// size from asking for hundreds of gigabytes.
const MAX_PARTICIPANTS: usize = 1_000_000;

/// The most repeats an experiment runs: each repeat's metrics are kept for every strategy
/// until the summary (about 2 kB a repeat with every strategy), and a mistyped count such as
/// `2**62` would run for ever while its samples grow without bound.
pub(super) const MAX_REPEATS: usize = 100_000;

/// The options of a seeded population, by keyword, in the order the docs list them (the
/// last two for `population_roster` alone).
const POPULATION_OPTIONS: [&str; 15] = [
    "catalog",
    "junior_digital_lean",
    "senior_leadership_lean",
    "taste_correlation",
    "skill_count",
    "wish_count",
    "departments",
    "managed_share",
    "languages",
    "timezone_spread",
    "junior_experience",
    "senior_experience",
    "idiosyncratic",
    "junior_capacity",
    "senior_capacity",
];

/// `obj` as a sequence of exactly two items, for `name`.
fn two<'py>(obj: &Bound<'py, PyAny>, name: &str, what: &str) -> PyResult<[Bound<'py, PyAny>; 2]> {
    let bad = || type_error(format!("`{name}` must be {what}, got {}", type_name(obj)));
    if obj.is_instance_of::<PyString>() {
        return Err(bad());
    }
    let items: Vec<Bound<'py, PyAny>> = obj
        .try_iter()
        .map_err(|_| bad())?
        .collect::<PyResult<_>>()?;
    match <[Bound<'py, PyAny>; 2]>::try_from(items) {
        Ok(pair) => Ok(pair),
        Err(items) => Err(value_error(format!(
            "`{name}` must be {what}, got {} items",
            items.len()
        ))),
    }
}

/// An inclusive range `(low, high)` of whole numbers up to `max`.
fn range_of(obj: &Bound<'_, PyAny>, name: &str, max: i128) -> PyResult<RangeInclusive<i128>> {
    let [low, high] = two(obj, name, "a pair (low, high), both inclusive")?;
    let expected = format!("a whole number from 0 to {max}");
    Ok(whole(&low, name, 0, max, &expected)?..=whole(&high, name, 0, max, &expected)?)
}

/// `(name, value)` pairs from a dict or a sequence of pairs, for `catalog` and `languages`.
fn named_list<'py>(
    obj: &Bound<'py, PyAny>,
    name: &str,
    what: &str,
) -> PyResult<Vec<(String, Bound<'py, PyAny>)>> {
    let items = match obj.cast::<PyDict>() {
        Ok(dict) => dict.items().into_any(),
        Err(_) => obj.clone(),
    };
    if items.is_instance_of::<PyString>() {
        return Err(type_error(format!("`{name}` must be {what}, got str")));
    }
    let iter = items
        .try_iter()
        .map_err(|_| type_error(format!("`{name}` must be {what}, got {}", type_name(obj))))?;
    iter.map(|item| {
        let [key, value] = two(&item?, name, what)?;
        let key: String = key
            .extract()
            .map_err(|_| type_error(format!("`{name}` must be {what}: a name is a str")))?;
        Ok((key, value))
    })
    .collect()
}

/// A capacity option: a whole number from 0 to `u32::MAX`.
fn capacity_of(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<u32> {
    let max = i128::from(u32::MAX);
    let n = whole(
        obj,
        name,
        0,
        max,
        &format!("a whole number from 0 to {max}"),
    )?;
    Ok(n as u32)
}

/// A float option.
fn float_of(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<f64> {
    obj.extract()
        .map_err(|_| type_error(format!("`{name}` must be a float, got {}", type_name(obj))))
}

/// The population of `juniors` and `seniors` with `seed` and the keyword `options`, its
/// options checked by the crate and its size by the crate's limit and then by
/// [`MAX_PARTICIPANTS`] and (when `scored`) [`MAX_PAIRS`], before anything is drawn.
pub(super) fn population_of(
    juniors: &Bound<'_, PyAny>,
    seniors: &Bound<'_, PyAny>,
    seed: u64,
    options: Option<&Bound<'_, PyDict>>,
    function: &str,
    scored: bool,
) -> PyResult<Population> {
    let juniors = count_of(juniors, "juniors", 0)?;
    let seniors = count_of(seniors, "seniors", 0)?;
    // Options apply to an empty population first: the crate checks them without drawing.
    let mut options_only = Population::new(0, 0);
    for (key, value) in options.into_iter().flat_map(|d| d.iter()) {
        let key: String = key.extract()?;
        if key == "idiosyncratic" && !scored {
            // It blends the pair scores; a roster has none, so it would change nothing.
            return Err(type_error(format!(
                "{function}() got an unexpected keyword argument 'idiosyncratic': it blends the \
                 pair scores, and a roster holds none"
            )));
        }
        if (key == "junior_capacity" || key == "senior_capacity") && scored {
            // Pair scores hold no capacities: the strategies take theirs as arguments.
            return Err(type_error(format!(
                "{function}() got an unexpected keyword argument '{key}': capacities belong to \
                 a roster (population_roster); the strategies take theirs as \
                 junior_capacity/senior_capacity arguments"
            )));
        }
        options_only = with_option(options_only, &key, &value, function)?;
    }
    options_only.build().map_err(value_error)?;
    let mut population = Population::new(juniors, seniors).with_seed(seed);
    for (key, value) in options.into_iter().flat_map(|d| d.iter()) {
        let key: String = key.extract()?;
        population = with_option(population, &key, &value, function)?;
    }
    // The crate's own limit (at most u32::MAX participants) is checked before it allocates.
    if juniors
        .checked_add(seniors)
        .is_none_or(|n| n > u32::MAX as usize)
    {
        population.build().map_err(value_error)?;
    }
    if juniors.saturating_add(seniors) > MAX_PARTICIPANTS {
        return Err(value_error(format!(
            "{juniors} juniors + {seniors} seniors is too large: at most {MAX_PARTICIPANTS} \
             participants"
        )));
    }
    if scored
        && juniors
            .checked_mul(seniors)
            .is_none_or(|pairs| pairs > MAX_PAIRS)
    {
        return Err(value_error(format!(
            "{juniors} juniors x {seniors} seniors is too large: every pair is scored, at most \
             {MAX_PAIRS} pairs"
        )));
    }
    Ok(population)
}

/// `population` with the option `key` set to `value`.
fn with_option(
    population: Population,
    key: &str,
    value: &Bound<'_, PyAny>,
    function: &str,
) -> PyResult<Population> {
    let usize_max = usize::MAX as i128;
    let sizes = |r: RangeInclusive<i128>| (*r.start() as usize)..=(*r.end() as usize);
    let years = |r: RangeInclusive<i128>| (*r.start() as u8)..=(*r.end() as u8);
    Ok(match key {
        "catalog" => {
            let skills = named_list(value, key, "(skill, category) pairs or a dict")?
                .into_iter()
                .map(|(skill, category)| {
                    let category: String = category.extract().map_err(|_| {
                        type_error("`catalog` must be (skill, category) pairs: a category is a str")
                    })?;
                    Ok((skill, category))
                })
                .collect::<PyResult<Vec<_>>>()?;
            population.with_catalog(skills)
        }
        "junior_digital_lean" => population.with_junior_digital_lean(float_of(value, key)?),
        "senior_leadership_lean" => population.with_senior_leadership_lean(float_of(value, key)?),
        "taste_correlation" => population.with_taste_correlation(float_of(value, key)?),
        "skill_count" => population.with_skill_count(sizes(range_of(value, key, usize_max)?)),
        "wish_count" => population.with_wish_count(sizes(range_of(value, key, usize_max)?)),
        "departments" => population.with_departments(count_of(value, key, 0)?),
        "managed_share" => population.with_managed_share(float_of(value, key)?),
        "languages" => {
            let languages = named_list(value, key, "(language, share) pairs or a dict")?
                .into_iter()
                .map(|(language, share)| Ok((language, float_of(&share, key)?)))
                .collect::<PyResult<Vec<_>>>()?;
            population.with_languages(languages)
        }
        "timezone_spread" if value.is_none() => population,
        "timezone_spread" => population.with_timezone_spread(float_of(value, key)?),
        "junior_experience" => {
            population.with_junior_experience(years(range_of(value, key, u8::MAX.into())?))
        }
        "senior_experience" => {
            population.with_senior_experience(years(range_of(value, key, u8::MAX.into())?))
        }
        "idiosyncratic" => population.with_idiosyncratic(float_of(value, key)?),
        "junior_capacity" => population.with_junior_capacity(capacity_of(value, key)?),
        "senior_capacity" => population.with_senior_capacity(capacity_of(value, key)?),
        _ => {
            // The options this function takes: a roster holds no blended scores, pair scores
            // no capacities.
            let roster_only = ["junior_capacity", "senior_capacity"];
            let taken: Vec<&str> = POPULATION_OPTIONS
                .into_iter()
                .filter(|o| match function {
                    "population_roster" => *o != "idiosyncratic",
                    _ => !roster_only.contains(o),
                })
                .collect();
            return Err(type_error(format!(
                "{function}() got an unexpected keyword argument '{key}'; the population options \
                 are: {}",
                taken.join(", ")
            )));
        }
    })
}
