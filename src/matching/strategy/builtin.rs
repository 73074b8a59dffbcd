//! The built-in strategies by name: [`Builtin`], [`NAMES`], [`builtin`] and [`by_name`].

use super::leximin::Leximin;
use super::one_sided::{Applicants, Popular, RankMaximal};
use super::optimal::{Bottleneck, Nash, Utilitarian};
use super::pairing::Strategy;
use super::simple::{Greedy, RandomPairing, RandomSerialDictatorship};
use super::stable::{
    DeferredAcceptance, EgalitarianStable, LargeWeaklyStable, MinimumRegretStable, Proposers,
    SuperStable,
};
use crate::matching::error::{MatrixError, Result};

/// The built-in strategies as values: each has a [`name`](Builtin::name) (its `Display` and
/// `FromStr`, for command lines and files) and builds the [`Strategy`] with its default options.
///
/// What each one does, and which pairing it returns of several equally good ones, is defined in
/// the [strategy table](super#the-built-in-strategies), row by row in the order of the variants.
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::{Builtin, Strategy};
/// use mentor_match::{MatrixError, PairScores};
///
/// let leximin: Builtin = "leximin".parse()?;
/// assert_eq!(leximin, Builtin::Leximin);
/// assert_eq!(leximin.to_string(), "leximin");
/// let scores = PairScores::new(1, 1, vec![0.5], vec![0.5])?;
/// assert_eq!(leximin.strategy().pair(&scores)?.pairs(), &[(0, 0)]);
/// assert!(matches!(
///     "lottery".parse::<Builtin>(),
///     Err(MatrixError::UnknownStrategy { .. })
/// ));
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Builtin {
    /// `utilitarian`, [`Utilitarian`]: largest sum of both utilities (see the
    /// [table](super#the-built-in-strategies)).
    Utilitarian,
    /// `nash`, [`Nash`]: most agents with a positive utility, then largest product of those
    /// utilities (see the [table](super#the-built-in-strategies)).
    Nash,
    /// `bottleneck`, [`Bottleneck`]: largest [`min_utility`](crate::metrics::Report::min_utility),
    /// then largest sum (see the [table](super#the-built-in-strategies)).
    Bottleneck,
    /// `leximin`, [`Leximin`]: lexicographically largest sorted utilities, then largest sum (see
    /// the [table](super#the-built-in-strategies)).
    Leximin,
    /// `greedy`, [`Greedy`]: repeatedly the allowed pair of unmatched agents with the largest
    /// sum (see the [table](super#the-built-in-strategies) for ties).
    Greedy,
    /// `deferred_acceptance_juniors`, [`DeferredAcceptance`] with juniors proposing: the
    /// junior-optimal stable pairing (see the [table](super#the-built-in-strategies)).
    DeferredAcceptanceJuniors,
    /// `deferred_acceptance_seniors`, [`DeferredAcceptance`] with seniors proposing: the
    /// senior-optimal stable pairing (see the [table](super#the-built-in-strategies)).
    DeferredAcceptanceSeniors,
    /// `egalitarian_stable`, [`EgalitarianStable`]: stable, smallest sum of ranks (see the
    /// [table](super#the-built-in-strategies)).
    EgalitarianStable,
    /// `minimum_regret_stable`, [`MinimumRegretStable`]: stable, smallest largest rank, then
    /// smallest sum of ranks (see the [table](super#the-built-in-strategies)).
    MinimumRegretStable,
    /// `random_serial_dictatorship`, [`RandomSerialDictatorship`]: in a seeded random order,
    /// each agent still unmatched takes the first unmatched partner on its list (see the
    /// [table](super#the-built-in-strategies)).
    RandomSerialDictatorship,
    /// `random`, [`RandomPairing`]: the allowed pairs in a seeded random order, each formed when
    /// both are unmatched (see the [table](super#the-built-in-strategies)).
    Random,
}

impl Builtin {
    /// Every built-in strategy, in the order of the [table](super#the-built-in-strategies).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::{self, Builtin};
    ///
    /// assert_eq!(Builtin::ALL[0], Builtin::Utilitarian);
    /// assert_eq!(Builtin::ALL.map(Builtin::name), strategy::NAMES);
    /// ```
    pub const ALL: [Builtin; 11] = [
        Builtin::Utilitarian,
        Builtin::Nash,
        Builtin::Bottleneck,
        Builtin::Leximin,
        Builtin::Greedy,
        Builtin::DeferredAcceptanceJuniors,
        Builtin::DeferredAcceptanceSeniors,
        Builtin::EgalitarianStable,
        Builtin::MinimumRegretStable,
        Builtin::RandomSerialDictatorship,
        Builtin::Random,
    ];

    /// The strategy's name in `snake_case`, as [`Strategy::name`] reports it.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::{Builtin, Strategy};
    ///
    /// assert_eq!(Builtin::DeferredAcceptanceJuniors.name(), "deferred_acceptance_juniors");
    /// // The name the strategy reports, and the one that parses back.
    /// for builtin in Builtin::ALL {
    ///     assert_eq!(builtin.strategy().name(), builtin.name());
    ///     assert_eq!(builtin.name().parse::<Builtin>()?, builtin);
    /// }
    /// # Ok::<(), mentor_match::MatrixError>(())
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Builtin::Utilitarian => "utilitarian",
            Builtin::Nash => "nash",
            Builtin::Bottleneck => "bottleneck",
            Builtin::Leximin => "leximin",
            Builtin::Greedy => "greedy",
            Builtin::DeferredAcceptanceJuniors => "deferred_acceptance_juniors",
            Builtin::DeferredAcceptanceSeniors => "deferred_acceptance_seniors",
            Builtin::EgalitarianStable => "egalitarian_stable",
            Builtin::MinimumRegretStable => "minimum_regret_stable",
            Builtin::RandomSerialDictatorship => "random_serial_dictatorship",
            Builtin::Random => "random",
        }
    }

    /// The strategy, with its default options.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::{Builtin, Strategy};
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(2, 2, vec![0.9, 0.6, 0.6, 0.1], vec![0.9, 0.6, 0.6, 0.1])?;
    /// let greedy = Builtin::Greedy.strategy();
    /// assert_eq!(greedy.name(), "greedy");
    /// assert_eq!(greedy.pair(&scores)?.pairs(), &[(0, 0), (1, 1)]);
    /// # Ok::<(), mentor_match::MatrixError>(())
    /// ```
    pub fn strategy(self) -> Box<dyn Strategy> {
        match self {
            Builtin::Utilitarian => Box::new(Utilitarian::new()),
            Builtin::Nash => Box::new(Nash),
            Builtin::Bottleneck => Box::new(Bottleneck),
            Builtin::Leximin => Box::new(Leximin),
            Builtin::Greedy => Box::new(Greedy),
            Builtin::DeferredAcceptanceJuniors => {
                Box::new(DeferredAcceptance::new(Proposers::Juniors))
            }
            Builtin::DeferredAcceptanceSeniors => {
                Box::new(DeferredAcceptance::new(Proposers::Seniors))
            }
            Builtin::EgalitarianStable => Box::new(EgalitarianStable),
            Builtin::MinimumRegretStable => Box::new(MinimumRegretStable),
            Builtin::RandomSerialDictatorship => Box::new(RandomSerialDictatorship),
            Builtin::Random => Box::new(RandomPairing),
        }
    }
}

// An unknown strategy is refused with every built-in name.
crate::support::names::by_name!(Builtin, MatrixError, |name: &str| {
    MatrixError::UnknownStrategy {
        name: name.to_owned(),
        known: NAMES.to_vec(),
    }
});

/// The names of the built-in strategies, in the order of [`builtin`] and [`Builtin::ALL`].
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::{self, Strategy};
///
/// assert_eq!(strategy::NAMES[..2], ["utilitarian", "nash"]);
/// // Each one picks its strategy.
/// for name in strategy::NAMES {
///     assert_eq!(strategy::by_name(name)?.name(), name);
/// }
/// # Ok::<(), mentor_match::MatrixError>(())
/// ```
pub const NAMES: [&str; 11] = {
    let mut names = [""; 11];
    let mut i = 0;
    while i < names.len() {
        names[i] = Builtin::ALL[i].name();
        i += 1;
    }
    names
};

/// Every built-in strategy with its default options, in the order of [`NAMES`].
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::{self, Strategy};
///
/// let names: Vec<String> = strategy::builtin().iter().map(|s| s.name().to_string()).collect();
/// assert_eq!(names, strategy::NAMES);
/// ```
pub fn builtin() -> Vec<Box<dyn Strategy>> {
    Builtin::ALL.into_iter().map(Builtin::strategy).collect()
}

/// The built-in strategy called `name`, with its default options (see [`Builtin`]).
///
/// # Errors
///
/// [`MatrixError::UnknownStrategy`] for a name not in [`NAMES`].
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::{self, Strategy};
///
/// assert_eq!(strategy::by_name("leximin")?.name(), "leximin");
/// assert!(strategy::by_name("lottery").is_err());
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub fn by_name(name: &str) -> Result<Box<dyn Strategy>> {
    Ok(name.parse::<Builtin>()?.strategy())
}

/// The names of the strategies that are not built in but can be asked for by name with
/// [`any_by_name`]: [`RankMaximal`], [`Popular`], [`SuperStable`] and [`LargeWeaklyStable`], for
/// either side. They are not in [`builtin`] (nor in experiments) because they judge one side's
/// lists alone, may find that no answer exists ([`MatrixError::NoneExists`]), or keep ties as
/// ties where the table's lists break them.
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::{self, Strategy};
///
/// for name in strategy::MORE_NAMES {
///     assert!(strategy::by_name(name).is_err()); // not built in
///     assert_eq!(strategy::any_by_name(name)?.name(), name);
/// }
/// # Ok::<(), mentor_match::MatrixError>(())
/// ```
pub const MORE_NAMES: [&str; 8] = [
    "rank_maximal_juniors",
    "rank_maximal_seniors",
    "popular_juniors",
    "popular_seniors",
    "super_stable_juniors",
    "super_stable_seniors",
    "large_weakly_stable_juniors",
    "large_weakly_stable_seniors",
];

/// Any strategy by name: a built-in one ([`by_name`]) or one of [`MORE_NAMES`].
///
/// # Errors
///
/// [`MatrixError::UnknownStrategy`] listing every name, built-in ones first.
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::{self, Strategy};
///
/// assert_eq!(strategy::any_by_name("popular_seniors")?.name(), "popular_seniors");
/// assert_eq!(strategy::any_by_name("greedy")?.name(), "greedy");
/// assert!(strategy::any_by_name("lottery").is_err());
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub fn any_by_name(name: &str) -> Result<Box<dyn Strategy>> {
    let strategy: Box<dyn Strategy> = match name {
        "rank_maximal_juniors" => Box::new(RankMaximal::new(Applicants::Juniors)),
        "rank_maximal_seniors" => Box::new(RankMaximal::new(Applicants::Seniors)),
        "popular_juniors" => Box::new(Popular::new(Applicants::Juniors)),
        "popular_seniors" => Box::new(Popular::new(Applicants::Seniors)),
        "super_stable_juniors" => Box::new(SuperStable::new(Proposers::Juniors)),
        "super_stable_seniors" => Box::new(SuperStable::new(Proposers::Seniors)),
        "large_weakly_stable_juniors" => Box::new(LargeWeaklyStable::new(Proposers::Juniors)),
        "large_weakly_stable_seniors" => Box::new(LargeWeaklyStable::new(Proposers::Seniors)),
        _ => {
            return name.parse::<Builtin>().map(Builtin::strategy).map_err(|_| {
                MatrixError::UnknownStrategy {
                    name: name.to_owned(),
                    known: NAMES.iter().chain(&MORE_NAMES).copied().collect(),
                }
            });
        }
    };
    Ok(strategy)
}
