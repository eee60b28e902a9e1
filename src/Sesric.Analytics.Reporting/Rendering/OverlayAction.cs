using ScottPlot;

namespace Sesric.Analytics.Reporting.Rendering;

/// <summary>A render step appended after ScottPlot's own: draws this library's text and annotations over the whole figure.</summary>
internal sealed class OverlayAction(Action<RenderPack> draw) : IRenderAction
{
    public void Render(RenderPack rp) => draw(rp);
}
