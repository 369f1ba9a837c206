//! The cactus plot: for each system, how many tasks it solves within a given time.

use std::path::Path;

use anyhow::Context as _;
use plotters::prelude::*;

use super::report::solve_times;
use super::task_run::TaskRun;

const COLORS: [RGBColor; 4] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(148, 103, 189),
];

/// Draws tasks solved (x) against the time needed (y, log scale) for every system.
pub fn cactus(path: &Path, runs: &[TaskRun], timeout_ms: u64) -> anyhow::Result<()> {
    let times = solve_times(runs);
    let most = times.values().map(Vec::len).max().unwrap_or(0).max(1);
    let tasks_per_system = runs
        .iter()
        .filter(|r| r.system == "gemfill")
        .count()
        .max(most);
    let root = SVGBackend::new(path, (900, 560)).into_drawing_area();
    let drawing = || format!("drawing {}", path.display());
    root.fill(&WHITE).with_context(drawing)?;
    let y_max = (timeout_ms as f64).max(1.0);
    let mut chart = ChartBuilder::on(&root)
        .caption(
            format!("Tasks solved within a time limit ({timeout_ms} ms per task)"),
            ("sans-serif", 20),
        )
        .margin(16)
        .x_label_area_size(40)
        .y_label_area_size(60)
        .build_cartesian_2d(0usize..tasks_per_system, (0.1f64..y_max).log_scale())
        .with_context(drawing)?;
    chart
        .configure_mesh()
        .x_desc("tasks solved")
        .y_desc("time per task (ms)")
        .draw()
        .with_context(drawing)?;
    for (i, (system, values)) in times.iter().enumerate() {
        let color = COLORS[i % COLORS.len()];
        let points: Vec<(usize, f64)> = values
            .iter()
            .enumerate()
            .map(|(n, t)| (n + 1, t.max(0.1)))
            .collect();
        chart
            .draw_series(LineSeries::new(points.clone(), color.stroke_width(2)))
            .with_context(drawing)?
            .label(format!("{system} ({} solved)", values.len()))
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(2))
            });
        chart
            .draw_series(
                points
                    .into_iter()
                    .map(|p| Circle::new(p, 2, color.filled())),
            )
            .with_context(drawing)?;
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .border_style(BLACK)
        .background_style(WHITE.mix(0.9))
        .draw()
        .with_context(drawing)?;
    root.present().with_context(drawing)?;
    Ok(())
}
