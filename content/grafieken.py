"""Charts in Python, for what a declarative chart block cannot say.

A block ```chart / python: ladder / title: ...``` calls `ladder(data)` below. `data.rows(
NAME)` gives the rows of a dataset (a value that was not found is None) and notes the
dataset as a source of the chart. Return an Altair chart; the site adds its own colours,
fonts and size rules.
"""

import altair as alt


def ladder(data):
    """Forrester's Social Technographics ladder: every population and survey found, rung by
    rung. A reader can pick a population (in the legend, or by clicking a bar) to compare."""
    rows = []
    for row in data.rows("forrester-social-technographics"):
        place = row["population"].removeprefix("Volwassenen online, ")
        rows.append({**row, "meting": f"{place}, {row['survey']}"})
    series = list(dict.fromkeys(r["meting"] for r in rows))
    rungs = [r["rung"] for r in sorted(rows, key=lambda r: r["rung_order"])]
    rung_axis = alt.Y("rung:N", sort=list(dict.fromkeys(rungs)), title="Sport van de ladder")
    tooltip = [
        alt.Tooltip("meting:N", title="Meting"),
        alt.Tooltip("rung:N", title="Sport"),
        alt.Tooltip("percent:Q", title="Aandeel (%)"),
        alt.Tooltip("status:N", title="Status"),
        alt.Tooltip("note:N", title="Toelichting"),
    ]
    # Pick a population by clicking (or pressing Enter on) a bar, or its legend entry.
    by_bar = alt.selection_point(name="vergelijk", fields=["meting"], on="click")
    by_legend = alt.selection_point(name="vergelijk_legenda", fields=["meting"], bind="legend")
    picked = by_bar & by_legend  # an empty selection counts as "all"
    base = alt.Chart(alt.Data(values=rows)).encode(
        y=rung_axis,
        yOffset=alt.YOffset("meting:N", sort=series),
        tooltip=tooltip,
    )
    bars = (
        base.transform_filter("isValid(datum.percent)")
        .mark_bar()
        .encode(
            x=alt.X(
                "percent:Q",
                # On a phone's narrow chart the title takes two lines.
                title="Aandeel van de volwassenen online (%)"
                if data.width > 400
                else ["Aandeel van de volwassenen", "online (%)"],
                scale=alt.Scale(domain=[0, 100]),
            ),
            color=alt.Color(
                "meting:N",
                sort=series,
                title="Populatie en meting",
                legend=alt.Legend(columns=3 if data.width > 400 else 1, symbolType="square"),
            ),
            opacity=alt.condition(picked, alt.value(1), alt.value(0.25)),
        )
        .add_params(by_bar, by_legend)
    )
    values = (
        base.transform_filter("isValid(datum.percent)")
        .mark_text(align="left", dx=3)
        .encode(
            x="percent:Q",
            text=alt.Text("percent:Q", format=".0f"),
            opacity=alt.condition(picked, alt.value(1), alt.value(0.25)),
        )
    )
    # No value: say so at the axis, never draw a bar of zero.
    gaps = (
        base.transform_filter("!isValid(datum.percent)")
        .mark_text(align="left", dx=3, fontStyle="italic")
        .encode(
            x=alt.datum(0),
            text=alt.value(data.gap_label),
            color=alt.Color("meting:N", sort=series, legend=None),
        )
    )
    height = len(rows) * 19 + 110  # room for a line of 12-pixel text beside each bar
    return alt.layer(bars, values, gaps).properties(width=data.width, height=height)
