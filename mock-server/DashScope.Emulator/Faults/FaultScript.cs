namespace DashScope.Emulator.Faults;

/// <summary>The scripted faults, consumed in the order they were added, one request at a time.</summary>
internal sealed class FaultScript
{
    private readonly object _gate = new();
    private readonly List<FaultRule> _rules = new();
    private int _count;

    /// <summary>True when any rule is queued: a lock-free check that lets the common, fault-free request skip the lock.</summary>
    public bool HasRules => Volatile.Read(ref _count) > 0;

    public IReadOnlyList<FaultRule> Rules
    {
        get
        {
            lock (_gate)
            {
                return _rules.ToArray();
            }
        }
    }

    public FaultRule Add(FaultRule rule)
    {
        if (rule.Remaining <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rule), "A fault must apply to at least one request.");
        }

        lock (_gate)
        {
            _rules.Add(rule);
            Volatile.Write(ref _count, _rules.Count);
        }

        return rule;
    }

    /// <summary>Takes one use of the first rule for the endpoint, if that rule is of a kind the caller handles.</summary>
    public FaultRule? TryTake(EmulatorEndpoint endpoint, Func<FaultKind, bool> handles)
    {
        if (!HasRules)
        {
            return null;
        }

        lock (_gate)
        {
            var index = _rules.FindIndex(r => r.Endpoint == endpoint);
            if (index < 0 || !handles(_rules[index].Kind))
            {
                return null;
            }

            var rule = _rules[index];
            if (rule.Remaining <= 1)
            {
                _rules.RemoveAt(index);
                Volatile.Write(ref _count, _rules.Count);
            }
            else
            {
                _rules[index] = rule with { Remaining = rule.Remaining - 1 };
            }

            return rule;
        }
    }

    public bool Remove(string id)
    {
        lock (_gate)
        {
            var removed = _rules.RemoveAll(r => r.Id == id) > 0;
            Volatile.Write(ref _count, _rules.Count);
            return removed;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
            Volatile.Write(ref _count, 0);
        }
    }
}
