using Sesric.Analytics.Model;

namespace Sesric.Analytics.Reporting.Tests.Specs;

internal static class SampleReports
{
    public static Report Diplomacy() =>
        ReportBuilder.Create(new LocalizedText("Diplomacy-CaB in figures", "برنامج Diplomacy-CaB بالأرقام", "Diplomacy-CaB en chiffres"))
            .Subtitle(new LocalizedText("Training for OIC junior diplomats"))
            .Source(new LocalizedText("SESRIC", "سيسريك", "SESRIC"))
            .Theme("colorblind")
            .Filter(FilterSpec.Eq("programme", "diplomacy-cab"))
            .Page(new LocalizedText("Overview", "نظرة عامة", "Vue d'ensemble"), p => p
                .Filter(FilterSpec.Between("year", 2017, 2022))
                .Card("participants-card", "participants")
                .Column("participants-per-edition", "participants", "year", v => v.WithTitle(new LocalizedText("Participants per edition")))
                .Bar("top-member-states", "participants", "member_state", v => v.Top(10).Sized(900, 600)))
            .Page(new LocalizedText("Groups"), p => p
                .Donut("by-group", "participants", "oic_group")
                .Add(MarkKind.Heatmap, "state-by-year", "participants", "member_state", v => v.SplitBy("year").Where(FilterSpec.In("oic_group", "Arab Group", "Asian Group"))))
            .Build();
}
