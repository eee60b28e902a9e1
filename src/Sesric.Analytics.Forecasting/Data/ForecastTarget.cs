namespace Sesric.Analytics.Forecasting.Data;

/// <summary>What a forecast predicts for an edition.</summary>
public enum ForecastTarget
{
    /// <summary>Participants who attended.</summary>
    Participants = 0,

    /// <summary>Member states represented.</summary>
    MemberStates = 1,
}

/// <summary>Text forms of <see cref="ForecastTarget"/>.</summary>
public static class ForecastTargetText
{
    /// <summary>The snake-case code: <c>participants</c> or <c>member_states</c>.</summary>
    public static string Code(this ForecastTarget target) => target switch
    {
        ForecastTarget.MemberStates => "member_states",
        _ => "participants",
    };
}
