using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using DashScope.Emulator.Tasks;

namespace DashScope.Emulator.Results;

/// <summary>What checking a result link's query found.</summary>
internal enum LinkVerdict
{
    /// <summary>Signed by this emulator and not yet expired.</summary>
    Valid,

    /// <summary>The signature is missing, malformed or not this emulator's.</summary>
    BadSignature,

    /// <summary>Correctly signed, but its expiry has passed.</summary>
    Expired,
}

/// <summary>
/// Signed result links, like object-storage URLs: <c>…/results/{task}.mp4?Expires={unix}&amp;Signature={hmac}</c>,
/// valid for the schema's result-URL validity after the task ended.
/// </summary>
internal sealed class ResultLinks : IDisposable
{
    private const string Hex = "0123456789abcdef";

    private readonly TimeSpan _validity;
    private readonly ThreadLocal<HMACSHA256> _hmac;
    private string? _resultsUrl;

    public ResultLinks(byte[] signingKey, TimeSpan validity)
    {
        _validity = validity;

        // One HMAC per thread, reused: the one-shot HashData sets the key up again on every call.
        _hmac = new ThreadLocal<HMACSHA256>(() => new HMACSHA256(signingKey));
    }

    /// <summary>Where result videos are served; set once the server knows its address.</summary>
    public void ServeFrom(Uri resultsBase) => _resultsUrl = resultsBase.ToString();

    /// <summary>The signed link to a SUCCEEDED task's video.</summary>
    public string LinkFor(EmulatedTask task)
    {
        // Task ids are UUIDs the board made, so appending them to the resolved base gives the same text as
        // resolving the whole relative URL against the server's root, without parsing a Uri per poll.
        var expires = (task.EndTime!.Value + _validity).ToUnixTimeSeconds();
        return string.Concat(_resultsUrl, task.TaskId, ".mp4?Expires=", expires.ToString(), "&Signature=", Sign(task.TaskId, expires));
    }

    /// <summary>Checks a link's query the way object storage does: the signature first, then its expiry.</summary>
    public LinkVerdict Check(string taskId, string? expiresText, string? signature, DateTimeOffset now)
    {
        if (!long.TryParse(expiresText, out var expires) || signature != Sign(taskId, expires))
        {
            return LinkVerdict.BadSignature;
        }

        return now.ToUnixTimeSeconds() >= expires ? LinkVerdict.Expired : LinkVerdict.Valid;
    }

    public void Dispose() => _hmac.Dispose();

    /// <summary>The first 16 bytes of HMAC-SHA256("{taskId}:{expires}") in lower-case hex.</summary>
    private string Sign(string taskId, long expires)
    {
        var max = Encoding.UTF8.GetMaxByteCount(taskId.Length) + 1 + 20;
        byte[]? rented = null;
        var input = max <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var length = Encoding.UTF8.GetBytes(taskId, input);
            input[length++] = (byte)':';
            expires.TryFormat(input[length..], out var written);
            length += written;

            Span<byte> hash = stackalloc byte[32];
            _hmac.Value!.TryComputeHash(input[..length], hash, out _);
            Span<char> hex = stackalloc char[32];
            for (var i = 0; i < 16; i++)
            {
                hex[2 * i] = Hex[hash[i] >> 4];
                hex[(2 * i) + 1] = Hex[hash[i] & 0xF];
            }

            return new string(hex);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
