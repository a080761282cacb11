//! The report's chart: quotations per month, one stacked bar a month, a colour per
//! outlet, drawn by `plotters` into an SVG string that the page holds inline (no file,
//! no script). plotters escapes the text it writes (outlet names in the legend).

use std::collections::HashMap;

use anyhow::Context;
use plotters::coord::ranged1d::{IntoSegmentedCoord, SegmentValue};
use plotters::prelude::*;

/// How many outlets get a colour of their own; the rest are "other outlets".
const OUTLET_COLOURS: usize = 7;

/// Colours for outlets (Okabe–Ito, told apart by colour-blind readers too), then grey
/// for the rest.
const PALETTE: [RGBColor; OUTLET_COLOURS] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(213, 94, 0),
    RGBColor(240, 228, 66),
];
const OTHER: RGBColor = RGBColor(150, 150, 150);

/// Quotations in one month from one outlet.
pub struct MonthCount<'a> {
    /// `YYYY-MM`.
    pub month: &'a str,
    /// The outlet, `None` when unknown.
    pub outlet: Option<&'a str>,
    /// How many.
    pub quotes: i64,
}

/// `YYYY-MM` as a month number, for filling the months between; `None` if malformed.
fn month_index(m: &str) -> Option<i64> {
    let (y, mo) = m.split_once('-')?;
    let (y, mo): (i64, i64) = (y.parse().ok()?, mo.parse().ok()?);
    (1..=12).contains(&mo).then_some(y * 12 + mo - 1)
}

fn month_name(i: i64) -> String {
    format!("{:04}-{:02}", i.div_euclid(12), i.rem_euclid(12) + 1)
}

/// The chart as an SVG element, or `None` when there is nothing dated to draw. Every
/// month from the first to the last has its place, so a gap in time shows as one.
pub fn quotes_per_month(counts: &[MonthCount<'_>]) -> anyhow::Result<Option<String>> {
    let dated: Vec<(i64, &MonthCount)> = counts
        .iter()
        .filter_map(|c| Some((month_index(c.month)?, c)))
        .collect();
    let (Some(first), Some(mut last)) = (
        dated.iter().map(|d| d.0).min(),
        dated.iter().map(|d| d.0).max(),
    ) else {
        return Ok(None);
    };
    // plotters cannot scale a one-value axis: one month is shown with the next, empty.
    last = last.max(first + 1);
    // Outlets by how often they quote, the most first; those past the palette share
    // one grey bar.
    let mut per_outlet: HashMap<&str, i64> = HashMap::new();
    for (_, c) in &dated {
        *per_outlet
            .entry(c.outlet.unwrap_or("(no outlet)"))
            .or_default() += c.quotes;
    }
    let mut outlets: Vec<(&str, i64)> = per_outlet.into_iter().collect();
    outlets.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let named: Vec<&str> = outlets.iter().take(OUTLET_COLOURS).map(|o| o.0).collect();
    let band = |outlet: &str| {
        named
            .iter()
            .position(|&n| n == outlet)
            .unwrap_or(named.len())
    };
    let bands = named.len() + usize::from(outlets.len() > named.len());
    let months = usize::try_from(last - first + 1).context("month range")?;
    // heights[band][month]
    let mut heights = vec![vec![0i64; months]; bands];
    for (m, c) in &dated {
        let b = band(c.outlet.unwrap_or("(no outlet)"));
        heights[b][(m - first) as usize] += c.quotes;
    }
    let tallest = (0..months)
        .map(|m| heights.iter().map(|h| h[m]).sum::<i64>())
        .max()
        .unwrap_or(0);

    // Room above the tallest bar for the legend (about 12 pixels a line of the 250 the
    // bars have), so that it covers no bar.
    let legend = (bands as f64 * 12.0 + 12.0) / 250.0;
    let top = (tallest as f64 / (1.0 - legend.min(0.6))).ceil() as i64 + 1;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (760, 300)).into_drawing_area();
        root.fill(&WHITE).context("drawing the chart")?;
        let months_i32 = i32::try_from(months).context("month range")?;
        let label_months = |v: &SegmentValue<i32>| match v {
            SegmentValue::CenterOf(i) | SegmentValue::Exact(i) => month_name(first + i64::from(*i)),
            SegmentValue::Last => String::new(),
        };
        // An integer range counts both ends: `0..months - 1` is `months` segments.
        let mut chart = ChartBuilder::on(&root)
            .margin(10)
            .x_label_area_size(30)
            .y_label_area_size(40)
            .build_cartesian_2d((0..months_i32 - 1).into_segmented(), 0..top)
            .context("drawing the chart")?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(months.min(12))
            .x_label_formatter(&label_months)
            .y_desc("quotations")
            .draw()
            .context("drawing the chart")?;
        let mut base = vec![0i64; months];
        for (b, row) in heights.iter().enumerate() {
            let colour = PALETTE.get(b).copied().unwrap_or(OTHER);
            let bars: Vec<Rectangle<(SegmentValue<i32>, i64)>> = row
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(m, n)| {
                    let x = i32::try_from(m).unwrap_or(i32::MAX);
                    let mut r = Rectangle::new(
                        [
                            (SegmentValue::Exact(x), base[m]),
                            // The last segment's right edge is `Last`: `months` is
                            // past the axis.
                            (
                                if m + 1 == months {
                                    SegmentValue::Last
                                } else {
                                    SegmentValue::Exact(x + 1)
                                },
                                base[m] + n,
                            ),
                        ],
                        colour.filled(),
                    );
                    // A gap between months.
                    r.set_margin(0, 0, 2, 2);
                    base[m] += n;
                    r
                })
                .collect();
            let label = named.get(b).copied().unwrap_or("other outlets").to_string();
            chart
                .draw_series(bars)
                .context("drawing the chart")?
                .label(label)
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 5), (x + 10, y + 5)], colour.filled())
                });
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK)
            .draw()
            .context("drawing the chart")?;
        root.present().context("drawing the chart")?;
    }
    Ok(Some(svg))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_between_are_filled_and_names_escaped() {
        let counts = [
            MonthCount {
                month: "2024-11",
                outlet: Some("<b>Gazette</b>"),
                quotes: 2,
            },
            MonthCount {
                month: "2025-02",
                outlet: None,
                quotes: 1,
            },
        ];
        let svg = quotes_per_month(&counts).unwrap().unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..80]);
        assert!(svg.contains("&lt;b&gt;Gazette"));
        assert!(!svg.contains("<b>"));
        assert!(svg.contains("(no outlet)"));
        // November to February: four months, December and January empty; no fifth.
        for m in ["2024-11", "2024-12", "2025-01", "2025-02"] {
            assert!(svg.contains(m), "{m} missing");
        }
        assert!(!svg.contains("2025-03"));
        // One month is drawn with the next, empty.
        let one = quotes_per_month(&counts[1..]).unwrap().unwrap();
        assert!(one.contains("2025-02") && one.contains("2025-03"));
        assert!(!one.contains("2025-01") && !one.contains("2025-04"));
        assert_eq!(bar_widths(&one).len(), 1, "{one}");
        assert!(bar_widths(&one)[0] > 100, "{one}");
    }

    /// The widths of the first outlet's bars: its colour's rectangles wider than the
    /// legend's 10-pixel key.
    fn bar_widths(svg: &str) -> Vec<u32> {
        svg.split("<rect")
            .skip(1)
            .filter(|r| r.contains("fill=\"#0072B2\""))
            .filter_map(|r| {
                let w = r.split("width=\"").nth(1)?;
                w[..w.find('"')?].parse().ok()
            })
            .filter(|&w| w > 10)
            .collect()
    }

    #[test]
    fn nothing_dated_is_no_chart() {
        assert!(quotes_per_month(&[]).unwrap().is_none());
        let bad = [MonthCount {
            month: "undated",
            outlet: None,
            quotes: 3,
        }];
        assert!(quotes_per_month(&bad).unwrap().is_none());
        assert_eq!(month_name(month_index("2025-12").unwrap()), "2025-12");
    }
}
