//! Samples in milliseconds, summarised as the bench prints them.

/// One measured quantity.
pub struct Figure {
    /// The machine-readable name, e.g. `first_render_ms`.
    pub key: &'static str,
    /// What a reader sees in the table.
    pub label: &'static str,
    pub samples: Vec<f64>,
}

impl Figure {
    pub fn new(key: &'static str, label: &'static str) -> Self {
        Figure {
            key,
            label,
            samples: Vec::new(),
        }
    }

    fn sorted(&self) -> Vec<f64> {
        let mut sorted = self.samples.clone();
        sorted.sort_by(f64::total_cmp);
        sorted
    }

    /// The nearest-rank percentile `p` (0..=100); 0 without samples.
    pub fn percentile(&self, p: f64) -> f64 {
        let sorted = self.sorted();
        let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
        sorted
            .get(rank.clamp(1, sorted.len().max(1)) - 1)
            .copied()
            .unwrap_or_default()
    }

    pub fn median(&self) -> f64 {
        self.percentile(50.0)
    }

    pub fn p95(&self) -> f64 {
        self.percentile(95.0)
    }

    pub fn max(&self) -> f64 {
        self.percentile(100.0)
    }

    /// A row of the table.
    pub fn row(&self) -> String {
        format!(
            "  {:<44} {:>9.2} {:>9.2} {:>9.2} {:>6}",
            self.label,
            self.median(),
            self.p95(),
            self.max(),
            self.samples.len()
        )
    }

    /// The line a runner collects.
    pub fn bench_line(&self) -> String {
        format!(
            "BENCH render {} median={:.3} p95={:.3} max={:.3} n={}",
            self.key,
            self.median(),
            self.p95(),
            self.max(),
            self.samples.len()
        )
    }
}

pub fn header() -> String {
    format!(
        "  {:<44} {:>9} {:>9} {:>9} {:>6}",
        "ms", "median", "p95", "max", "runs"
    )
}

/// How a measured median stands against a goal, in words.
pub fn against(what: &str, value: f64, goal: f64, unit: &str) -> String {
    let verdict = if value <= goal { "meets" } else { "misses" };
    format!("  {what}: {value:.2}{unit} {verdict} the goal of {goal}{unit}")
}
