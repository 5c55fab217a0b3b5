using Xunit.Abstractions;
using Xunit.Sdk;

namespace DashScope.Contract.Tests.Targets;

/// <summary>Marks a test class whose target is the real service: its contract facts skip unless opted in.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class LiveServiceTargetAttribute : Attribute;

/// <summary>
/// A scenario of the contract suite. The scenarios are written once, in an abstract class; this
/// attribute's discoverer looks at the concrete class each one runs in and skips it, with the reason,
/// only when that class targets the live service and the live runs are not opted in. Emulator runs
/// are never skipped.
/// </summary>
[XunitTestCaseDiscoverer("DashScope.Contract.Tests.Targets.ContractFactDiscoverer", "DashScope.Contract.Tests")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ContractFactAttribute : FactAttribute;

/// <summary>Discovers <see cref="ContractFactAttribute"/> tests; see there.</summary>
public sealed class ContractFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var live = testMethod.TestClass.Class.GetCustomAttributes(typeof(LiveServiceTargetAttribute)).Any();
        if (live && LiveServiceSettings.SkipReason is { } reason)
        {
            yield return new SkippedTestCase(diagnosticMessageSink, display, displayOptions, testMethod, reason);
        }
        else
        {
            yield return new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod);
        }
    }
}

/// <summary>A test case that reports as skipped with a reason decided at discovery.</summary>
public sealed class SkippedTestCase : XunitTestCase
{
    private string _reason = "";

    [Obsolete("For the xunit deserializer only.", error: true)]
    public SkippedTestCase()
    {
    }

    public SkippedTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod method, string reason)
        : base(sink, display, options, method)
    {
        _reason = reason;
    }

    public override void Serialize(IXunitSerializationInfo data)
    {
        base.Serialize(data);
        data.AddValue("SkipReasonText", _reason);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        _reason = data.GetValue<string>("SkipReasonText");
        base.Deserialize(data);
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) => _reason;
}
