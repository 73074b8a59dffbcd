//! An experiment's summary as text: an aligned table for people, a tidy CSV for programs.

use crate::matching::experiment::summary::Summary;
use crate::matching::metrics::Metric;

impl Summary {
    /// A table with one row per strategy and one column per metric of `columns` (each with its
    /// decimals), then the strategy's time in milliseconds; each cell is
    /// `mean ± half-width` of the 95 % interval, the `±` signs aligned, `—` for a metric no
    /// run had. A header line and a rule come first; every line ends with a newline.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::experiment::Experiment;
    /// use mentor_match::metrics::Metric;
    /// use mentor_match::{strategy, PairScores};
    ///
    /// let summary = Experiment::new(vec![strategy::by_name("greedy")?])
    ///     .with_repeats(2)
    ///     .run(|_| PairScores::new(2, 2, vec![0.5; 4], vec![0.5; 4]))?;
    /// let table = summary.table(&[(Metric::Total, 2)]);
    /// let lines: Vec<&str> = table.lines().collect();
    /// assert!(lines[0].starts_with("strategy") && lines[0].contains("total"));
    /// assert!(lines[2].starts_with("greedy") && lines[2].contains("2.00 ± 0.00"));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn table(&self, columns: &[(Metric, usize)]) -> String {
        let mut header = vec!["strategy".to_owned()];
        header.extend(columns.iter().map(|(metric, _)| metric.name().to_owned()));
        header.push("time_ms".to_owned());
        // cells[row][column] = (mean, half-width) as text; the strategy name stands alone.
        let rows: Vec<Vec<(String, String)>> = self
            .strategies
            .iter()
            .map(|s| {
                let mut row: Vec<(String, String)> = columns
                    .iter()
                    .map(|&(key, decimals)| match s.metric(key) {
                        Some(e) => (
                            format!("{:.decimals$}", e.mean),
                            format!("{:.decimals$}", e.half_width()),
                        ),
                        None => ("—".to_owned(), String::new()),
                    })
                    .collect();
                let ms = |x: f64| x * 1000.0;
                let decimals = time_decimals(ms(s.seconds.mean));
                row.push((
                    format!("{:.decimals$}", ms(s.seconds.mean)),
                    format!("{:.decimals$}", ms(s.seconds.half_width())),
                ));
                row
            })
            .collect();
        let width = |text: &str| text.chars().count();
        let name_width = self
            .strategies
            .iter()
            .map(|s| width(&s.name))
            .chain([width(&header[0])])
            .max()
            .unwrap_or(0);
        // Per column: the widest mean and the widest half-width, so the `±` line up.
        let columns = header.len() - 1;
        let mut mean_width = vec![0; columns];
        let mut half_width = vec![0; columns];
        for row in &rows {
            for (k, (mean, half)) in row.iter().enumerate() {
                mean_width[k] = mean_width[k].max(width(mean));
                half_width[k] = half_width[k].max(width(half));
            }
        }
        let cell_width: Vec<usize> = (0..columns)
            .map(|k| (mean_width[k] + 3 + half_width[k]).max(width(&header[k + 1])))
            .collect();

        let mut out = String::new();
        let mut line = format!("{:<name_width$}", header[0]);
        for (k, title) in header[1..].iter().enumerate() {
            line.push_str(&format!("  {title:>w$}", w = cell_width[k]));
        }
        out.push_str(line.trim_end());
        out.push('\n');
        out.push_str(&"-".repeat(width(&line)));
        out.push('\n');
        for (s, row) in self.strategies.iter().zip(&rows) {
            let mut line = format!("{:<name_width$}", s.name);
            for (k, (mean, half)) in row.iter().enumerate() {
                let cell = if half.is_empty() {
                    mean.clone()
                } else {
                    format!(
                        "{mean:>mw$} ± {half:<hw$}",
                        mw = mean_width[k],
                        hw = half_width[k]
                    )
                };
                line.push_str(&format!("  {cell:>w$}", w = cell_width[k]));
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    /// The tidy CSV: a header `strategy,metric,mean,low,high,n`, then one row per strategy and
    /// metric (every metric of the summary in its order, then `seconds`), numbers in Rust's
    /// shortest round-trip form, fields quoted as RFC 4180 asks when they need it.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::experiment::Experiment;
    /// use mentor_match::{strategy, PairScores};
    ///
    /// let summary = Experiment::new(vec![strategy::by_name("greedy")?])
    ///     .with_repeats(2)
    ///     .run(|_| PairScores::new(2, 2, vec![0.5; 4], vec![0.5; 4]))?;
    /// let csv = summary.to_csv();
    /// assert!(csv.starts_with("strategy,metric,mean,low,high,n\n"));
    /// assert!(csv.contains("\ngreedy,total,2,2,2,2\n"));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn to_csv(&self) -> String {
        let mut out = String::from("strategy,metric,mean,low,high,n\n");
        for s in &self.strategies {
            for e in s.metrics.iter().chain([&s.seconds]) {
                let fields = [
                    field(&s.name),
                    field(e.metric.name()),
                    e.mean.to_string(),
                    e.low.to_string(),
                    e.high.to_string(),
                    e.n.to_string(),
                ];
                out.push_str(&fields.join(","));
                out.push('\n');
            }
        }
        out
    }
}

/// A CSV field: as it is, or quoted with inner quotes doubled when it holds a comma, a quote
/// or a line break (a user's strategy may be called anything).
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// Decimals for a time in milliseconds: three significant digits or so.
fn time_decimals(ms: f64) -> usize {
    if ms >= 100.0 {
        1
    } else if ms >= 1.0 {
        2
    } else {
        3
    }
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert_eq!(field("greedy"), "greedy");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
    }
}
