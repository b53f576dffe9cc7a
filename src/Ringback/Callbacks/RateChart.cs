using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Ringback.Callbacks;

/// <summary>
/// Rates as horizontal bars with their 95% intervals, drawn on the server as SVG: no chart library to ship, nothing
/// to run in the browser, and the same picture printed or saved. Every label is HTML-encoded; the numbers are in a
/// table beside each chart for screen readers and for copying.
/// </summary>
public static class RateChart
{
    private const int LabelWidth = 170;
    private const int BarWidth = 420;
    private const int RowHeight = 28;
    private const int ValueWidth = 150;

    public static IHtmlContent Bars(string title, IReadOnlyList<(string Label, Rate Rate)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var max = Math.Max(0.05, rows.Count == 0 ? 0 : rows.Max(r => r.Rate.Trials == 0 ? 0 : r.Rate.High));
        var scale = BarWidth / Math.Min(1, Math.Ceiling(max * 10) / 10);
        var height = RowHeight * rows.Count + 24;
        var width = LabelWidth + BarWidth + ValueWidth;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" aria-label=\"{Encode(title)}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{Encode(title)}</title>");
        for (var i = 0; i < rows.Count; i++)
        {
            var (label, rate) = rows[i];
            var y = i * RowHeight + 4;
            var mid = y + RowHeight / 2 - 3;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 8}\" y=\"{mid + 5}\" text-anchor=\"end\" class=\"chart-label\">{Encode(label)}</text>");
            if (rate.Value is { } value)
            {
                var css = rate.TooFewToConclude ? "chart-bar chart-bar-few" : "chart-bar";
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y + 4}\" width=\"{Math.Max(1, value * scale):0.#}\" height=\"{RowHeight - 14}\" class=\"{css}\"><title>{Encode(label)}: {Encode(CallbackReport.Describe(rate))}</title></rect>");
                double low = LabelWidth + rate.Low * scale, high = LabelWidth + rate.High * scale;
                svg.Append(CultureInfo.InvariantCulture, $"<path d=\"M{low:0.#} {mid}H{high:0.#}M{low:0.#} {mid - 5}V{mid + 5}M{high:0.#} {mid - 5}V{mid + 5}\" class=\"chart-interval\"/>");
                var text = $"{CallbackReport.Percent(value)} of {rate.Trials}{(rate.TooFewToConclude ? " (too few)" : "")}";
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + BarWidth + 6}\" y=\"{mid + 5}\" class=\"chart-value\">{Encode(text)}</text>");
            }
        }

        var axis = RowHeight * rows.Count + 8;
        var top = BarWidth / scale;
        for (var t = 0; t <= 4; t++)
        {
            var x = LabelWidth + BarWidth * t / 4.0;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{axis + 12}\" text-anchor=\"middle\" class=\"chart-axis\">{CallbackReport.Percent(top * t / 4)}</text>");
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    /// <summary>A heatmap cell's background: pale for low rates, deep for high, grey when there is too little to go on.</summary>
    /// <summary>
    /// A heatmap cell's shade as a class, <c>heat-0</c> (lightest) to <c>heat-10</c>, or <c>heat-none</c> when too few
    /// messages to say: classes, not inline styles, because the Content-Security-Policy allows no inline style.
    /// </summary>
    public static string HeatClass(Rate rate, double best)
    {
        ArgumentNullException.ThrowIfNull(rate);
        if (rate.Value is not { } value || rate.TooFewToConclude)
        {
            return "heat-none";
        }

        var share = best <= 0 ? 0 : Math.Clamp(value / best, 0, 1);
        return string.Create(CultureInfo.InvariantCulture, $"heat-{(int)Math.Round(share * 10)}");
    }

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
