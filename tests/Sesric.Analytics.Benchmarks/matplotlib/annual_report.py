#!/usr/bin/env python3
"""The annual report's charts drawn with matplotlib, for the reporting benchmark.

Reads the result tables the .NET benchmark exported (data.json: one entry per visual with its mark,
title, columns and rows), draws each chart the way a researcher would with matplotlib, saves it as
PNG and SVG, and writes an HTML page with the SVGs inlined. Prints the seconds spent after imports.

Run with Debian's python3-matplotlib: /usr/bin/python3 annual_report.py DATA.json OUT_DIR
"""
import json
import os
import sys
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

plt.rcParams["svg.hashsalt"] = "sesric"  # deterministic SVG ids
plt.rcParams["font.family"] = "DejaVu Sans"


def column(visual, name):
    i = visual["columns"].index(name)
    return [row[i] for row in visual["rows"]]


def draw(visual, ax, fig):
    mark, measure, category = visual["mark"], visual["measure"], visual.get("category")
    if mark == "card":
        values = [v for v in column(visual, measure) if v is not None]
        ax.axis("off")
        ax.text(0.5, 0.55, f"{values[-1]:,}" if values else "–", ha="center", va="center", fontsize=40, weight="bold")
        if len(values) > 1:
            ax.text(0.5, 0.25, f"{values[-1] - values[-2]:+,} vs previous", ha="center", fontsize=12)
        return
    cats = [str(c) for c in column(visual, category)]
    vals = [v if v is not None else 0 for v in column(visual, measure)]
    if mark == "combo":
        ax.bar(cats, vals, color="#1B6CA8")
        for x, v in zip(cats, vals):
            ax.annotate(f"{v:,}", (x, v), ha="center", va="bottom", fontsize=9)
        twin = ax.twinx()
        line = column(visual, visual["lineMeasure"])
        twin.plot(cats, line, color="#E07B39", marker="o")
    elif mark in ("line", "area"):
        xs = list(range(len(cats)))
        ys = [v for v in column(visual, measure)]
        ax.plot(xs, ys, marker="o", color="#1B6CA8")
        if mark == "area":
            ax.fill_between(xs, [y or 0 for y in ys], alpha=0.3)
        if visual.get("forecast"):
            f = visual["forecast"]
            fx = [len(cats) - 1, len(cats)]
            ax.fill_between(fx, [ys[-1], f["lower"]], [ys[-1], f["upper"]], color="#E07B39", alpha=0.25)
            ax.plot(fx, [ys[-1], f["value"]], linestyle="--", color="#E07B39")
            cats = cats + [f["category"]]
        ax.set_xticks(range(len(cats)), cats)
    elif mark == "donut":
        ax.pie(vals, labels=cats, wedgeprops={"width": 0.45}, autopct="%1.1f%%")
        ax.text(0, 0, f"{sum(vals):,}", ha="center", va="center", fontsize=16, weight="bold")
    elif mark == "bar":
        order = sorted(range(len(vals)), key=lambda i: -vals[i])[: visual.get("limit") or len(vals)]
        ax.barh([cats[i] for i in order][::-1], [vals[i] for i in order][::-1], color="#1B6CA8")
    elif mark == "column":
        ax.bar(cats, vals, color="#1B6CA8")
        for x, v in zip(cats, vals):
            ax.annotate(f"{v:,}", (x, v), ha="center", va="bottom", fontsize=9)
    elif mark == "heatmap":
        series = visual["series"]
        rows = sorted(set(column(visual, category)))
        years = sorted(set(column(visual, series)))
        grid = [[float("nan")] * len(years) for _ in rows]
        for r, y, v in zip(column(visual, category), column(visual, series), column(visual, measure)):
            if v is not None:
                grid[rows.index(r)][years.index(y)] = v
        image = ax.imshow(grid, aspect="auto", cmap="Blues")
        ax.set_yticks(range(len(rows)), rows)
        ax.set_xticks(range(len(years)), [str(y) for y in years])
        fig.colorbar(image, ax=ax)
    ax.set_title(visual["title"], loc="left", fontsize=14, weight="bold")


def main():
    data_path, out = sys.argv[1], sys.argv[2]
    start = time.perf_counter()
    with open(data_path, encoding="utf-8") as f:
        visuals = json.load(f)
    os.makedirs(out, exist_ok=True)
    figures = []
    for visual in visuals:
        fig, ax = plt.subplots(figsize=(visual["width"] / 100, visual["height"] / 100), dpi=100)
        draw(visual, ax, fig)
        fig.tight_layout()
        fig.savefig(os.path.join(out, visual["id"] + ".png"), dpi=100)
        fig.savefig(os.path.join(out, visual["id"] + ".svg"), metadata={"Date": None})
        plt.close(fig)
        with open(os.path.join(out, visual["id"] + ".svg"), encoding="utf-8") as f:
            figures.append(f"<figure>{f.read()}</figure>")
    with open(os.path.join(out, "index.html"), "w", encoding="utf-8") as f:
        f.write("<!DOCTYPE html><html><body>" + "".join(figures) + "</body></html>")
    print(f"{time.perf_counter() - start:.4f}")


if __name__ == "__main__":
    main()
