using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace DashScope.Emulator.Accounts;

/// <summary>Which account each API key acts for, and the opaque key id the task list reports for it.</summary>
internal sealed class AccountRegistry
{
    // Each key's account and its key id, hashed once when the key is registered, not on every submit; one
    // entry per key, so the two can never disagree.
    private readonly ConcurrentDictionary<string, (string AccountId, string KeyId)> _keys = new(StringComparer.Ordinal);

    /// <summary>A registry holding the demo account, unless the options turn it off.</summary>
    public static AccountRegistry Create(EmulatorOptions options)
    {
        var registry = new AccountRegistry();
        if (options.RegisterDemoAccount)
        {
            registry.Add(options.DemoAccountId, options.DemoApiKey);
        }

        return registry;
    }

    /// <summary>The accounts with their keys, both in ordinal order.</summary>
    public IReadOnlyList<AccountInfo> Accounts =>
        _keys.GroupBy(p => p.Value.AccountId, StringComparer.Ordinal)
            .Select(g => new AccountInfo(g.Key, g.Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal).ToArray()))
            .OrderBy(a => a.AccountId, StringComparer.Ordinal)
            .ToArray();

    /// <summary>Registers keys for an account, creating it if new; a key already registered moves to this account.</summary>
    public void Add(string accountId, IEnumerable<string> apiKeys)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        foreach (var key in apiKeys)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(key);
            if (key.Any(char.IsWhiteSpace))
            {
                throw new ArgumentException("An API key cannot contain white space: it travels as 'Bearer <key>'.", nameof(apiKeys));
            }

            _keys[key] = (accountId, KeyId(key));
        }
    }

    /// <summary>Registers one key for an account.</summary>
    public void Add(string accountId, string apiKey) => Add(accountId, [apiKey]);

    /// <summary>The account a key acts for; false for an unregistered key.</summary>
    public bool TryFind(string apiKey, out string accountId)
    {
        var found = _keys.TryGetValue(apiKey, out var entry);
        accountId = entry.AccountId;
        return found;
    }

    /// <summary>The task list's <c>api_key_id</c> for a key.</summary>
    public string KeyIdOf(string apiKey) => _keys.TryGetValue(apiKey, out var entry) ? entry.KeyId : KeyId(apiKey);

    private static string KeyId(string apiKey) =>
        "key-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)))[..12].ToLowerInvariant();
}
