using Grpc.Core;

using Sesric.Analytics.Api.Errors;
using Sesric.Analytics.Contracts.V1;

namespace Sesric.Analytics.Api.Security;

/// <summary>Who may ask for which disclosure policy: the one rule every service that answers with figures applies.</summary>
public static class PolicyAccess
{
    /// <summary>
    /// Whether the call asked for the internal policy (exact figures); unspecified means public. The internal policy
    /// needs the analyst role: PERMISSION_DENIED otherwise, INVALID_ARGUMENT for a value the contract does not define.
    /// </summary>
    public static bool IsInternal(DisclosurePolicy policy, ServerCallContext context)
    {
        switch (policy)
        {
            case DisclosurePolicy.Unspecified or DisclosurePolicy.Public:
                return false;
            case DisclosurePolicy.Internal:
                var caller = context.GetCaller();
                if (!caller.Has(Role.Analyst))
                {
                    throw RpcErrors.PermissionDenied(ErrorReasons.RoleTooLow,
                        $"the internal policy needs the 'analyst' role; key '{caller.Name}' has '{caller.Role.ToString().ToLowerInvariant()}'. Ask for the public policy instead.");
                }
                return true;
            default:
                throw RpcErrors.InvalidArgument("policy", $"{(int)policy} is not a DisclosurePolicy value.");
        }
    }
}
