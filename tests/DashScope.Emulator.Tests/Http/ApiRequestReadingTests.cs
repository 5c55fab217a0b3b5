using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using DashScope.Emulator.Tests.Support;
using DashScope.Toolkit.Description;
using Microsoft.AspNetCore.Http;

namespace DashScope.Emulator.Tests.Http;

/// <summary>
/// How the emulator reads an API request from ASP.NET Core and writes its answer: a body is read only as far as the
/// size limit, a body that cannot be read is a bad request, a client that leaves is no bug, GET bodies are ignored,
/// query values are read whole, and every answer carries its length.
/// </summary>
public sealed class ApiRequestReadingTests : IClassFixture<SmallBodyLimitFixture>, IDisposable
{
    private const int BodyLimit = SmallBodyLimitFixture.BodyLimit;

    private readonly LivePortraitEmulator _emulator;
    private readonly HttpClient _client;

    public ApiRequestReadingTests(SmallBodyLimitFixture fixture)
    {
        _emulator = fixture.Emulator.Reset();
        _client = Api.Client(_emulator);
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task A_chunked_body_is_refused_once_it_passes_the_limit_without_waiting_for_its_end()
    {
        // The body never ends: the answer can only come from reading no further than the limit.
        var answer = await RawExchangeAsync(
            "Transfer-Encoding: chunked\r\n",
            Chunk(new string('x', BodyLimit + 1)));

        var invalid = _emulator.Schema.Error(ProtocolError.InvalidParameter);
        Assert.Equal((400, invalid.Code), (answer.Status, answer.Code));
        Assert.Empty(_emulator.GetTasks());
        Assert.Equal(400, Assert.Single(_emulator.Journal).StatusCode);
    }

    [Fact]
    public async Task A_body_with_broken_chunking_is_a_DashScope_400_not_a_500()
    {
        var answer = await RawExchangeAsync("Transfer-Encoding: chunked\r\n", "zz\r\n{}\r\n0\r\n\r\n");

        Assert.Equal((400, _emulator.Schema.Error(ProtocolError.InvalidParameter).Code), (answer.Status, answer.Code));
        Assert.Null(_emulator.LastUnexpectedError);
    }

    [Fact]
    public async Task A_client_that_leaves_mid_body_gets_nothing_is_journalled_without_a_status_and_is_no_unexpected_error()
    {
        using var left = new CancellationTokenSource();
        var http = InProcessSubmit(left.Token, new LeavingClientStream(left));

        await _emulator.AnswerApi(http);

        Assert.Equal(0, http.Response.Body.Length);
        Assert.Null(_emulator.LastUnexpectedError);
        Assert.Equal((EmulatorEndpoint.VideoSynthesis, 0), (Assert.Single(_emulator.Journal).Endpoint, _emulator.Journal[0].StatusCode));
        Assert.Empty(_emulator.GetTasks());
    }

    [Fact]
    public async Task A_client_that_left_after_sending_its_body_still_gets_its_task_made()
    {
        // The body arrived whole before the client gave up (a timeout during a delay): the service would have it too.
        using var left = new CancellationTokenSource();
        await left.CancelAsync();
        var http = InProcessSubmit(left.Token, new MemoryStream(Encoding.UTF8.GetBytes(Api.SampleSynthesisBody(_emulator))));

        await _emulator.AnswerApi(http);

        Assert.Single(_emulator.GetTasks());
        Assert.Equal(200, Assert.Single(_emulator.Journal).StatusCode);
        Assert.Null(_emulator.LastUnexpectedError);
    }

    [Theory]
    [InlineData(204)]
    [InlineData(205)]
    [InlineData(304)]
    public async Task A_scripted_status_that_has_no_body_is_sent_without_one(int status)
    {
        _emulator.OnEndpoint(EmulatorEndpoint.QueryTask).Next().RespondWith(status);

        using var response = await _client.GetAsync("tasks/" + Guid.NewGuid());

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(status, Assert.Single(_emulator.Journal).StatusCode);
        Assert.Null(_emulator.LastUnexpectedError);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(199)]
    [InlineData(600)]
    public void A_scripted_status_that_is_not_a_final_HTTP_status_is_refused(int status) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _emulator.OnEndpoint(EmulatorEndpoint.QueryTask).Next().RespondWith(status));

    [Fact]
    public async Task A_poll_with_a_chunked_body_over_the_limit_is_answered_as_if_it_had_none()
    {
        var submitted = await Api.SubmitAsync(_client, Api.SampleSynthesisBody(_emulator));

        // A chunked body has no length to refuse it by, and a GET body is not read, so its size never counts.
        var poll = await RawExchangeAsync("Transfer-Encoding: chunked\r\n", Chunk(new string('x', BodyLimit * 2)) + "0\r\n\r\n", method: "GET", path: "/api/v1/tasks/" + submitted.TaskId);

        Assert.Equal((200, submitted.TaskId), (poll.Status, poll.TaskId));
    }

    [Fact]
    public async Task A_poll_whose_Content_Length_is_over_the_limit_is_refused_unread()
    {
        var answer = await RawExchangeAsync($"Content-Length: {BodyLimit + 1}\r\n", "{", method: "GET", path: "/api/v1/tasks/" + Guid.NewGuid());

        Assert.Equal((400, _emulator.Schema.Error(ProtocolError.InvalidParameter).Code), (answer.Status, answer.Code));
    }

    [Fact]
    public async Task A_body_that_is_not_UTF8_is_answered_as_text_that_is_not_JSON()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Api.SynthesisPath) { Content = new ByteArrayContent([0xFF, 0xFE, 0x7B, 0xC3]) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-DashScope-Async", "enable");
        using var response = await _client.SendAsync(request);
        var answer = await Api.ReadAsync(response);

        var notJson = await Api.SubmitAsync(_client, "\uFFFD\uFFFD{\uFFFD");
        Assert.Equal((400, notJson.Code, notJson.Message), (answer.Status, answer.Code, answer.Message));
        Assert.Equal(_emulator.Schema.Error(ProtocolError.InvalidParameter).Code, answer.Code);
    }

    [Fact]
    public async Task A_query_value_with_a_comma_is_read_whole_not_split()
    {
        var whole = await Api.ListAsync(_client, "?page_size=1,5");
        var plain = await Api.ListAsync(_client, "?page_size=1");

        Assert.Equal((400, _emulator.Schema.Error(ProtocolError.InvalidParameter).Code), (whole.Status, whole.Code));
        Assert.Equal(200, plain.Status);
    }

    [Theory]
    [InlineData("tasks/none")]
    [InlineData("nowhere")]
    [InlineData(Api.SynthesisPath)]
    public async Task Every_answer_carries_its_length_and_is_not_chunked(string path)
    {
        using var response = await _client.GetAsync(path);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
    }

    // A submit handed to the emulator without a socket, so the test decides when the client is gone and what its body does.
    private HttpContext InProcessSubmit(CancellationToken aborted, Stream body)
    {
        var http = new DefaultHttpContext { RequestAborted = aborted };
        http.Request.Method = "POST";
        http.Request.Path = "/api/v1/" + Api.SynthesisPath;
        http.Request.Headers.Authorization = "Bearer " + _emulator.DemoApiKey;
        http.Request.Headers.ContentType = "application/json";
        http.Request.Headers["X-DashScope-Async"] = "enable";
        http.Request.Body = body;
        http.Response.Body = new MemoryStream();
        return http;
    }

    private static string Chunk(string text) => $"{Encoding.UTF8.GetByteCount(text):x}\r\n{text}\r\n";

    // A submit written on a socket, so the body can be left unfinished or malformed; reads one answer with its length.
    private async Task<ApiResult> RawExchangeAsync(string framingHeader, string body, string method = "POST", string path = "/api/v1/" + Api.SynthesisPath)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30)); // a safety net, never waited on
        using var socket = new TcpClient();
        await socket.ConnectAsync(_emulator.BaseUrl.Host, _emulator.BaseUrl.Port, cancel.Token);
        var stream = socket.GetStream();
        var request = $"{method} {path} HTTP/1.1\r\nHost: {_emulator.BaseUrl.Authority}\r\nAuthorization: Bearer {_emulator.DemoApiKey}\r\n" +
            $"Content-Type: application/json\r\nX-DashScope-Async: enable\r\n{framingHeader}\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request + body), cancel.Token);

        // Headers up to the blank line, byte by byte, then exactly Content-Length bytes of body.
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || !(head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, cancel.Token) == 0)
            {
                throw new IOException("The emulator closed the connection before its answer's headers ended.");
            }

            head.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var length = lines.Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(l => int.Parse(l["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)).Single();
        var answer = new byte[length];
        await stream.ReadExactlyAsync(answer, cancel.Token);
        var json = Encoding.UTF8.GetString(answer);
        return new ApiResult(status, json, JsonDocument.Parse(json).RootElement.Clone());
    }

    // A body stream whose client goes away at the first read: the request is aborted and the read fails, as Kestrel's does.
    private sealed class LeavingClientStream(CancellationTokenSource aborted) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("The client reset the connection.");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            aborted.Cancel();
            return ValueTask.FromException<int>(new IOException("The client reset the connection."));
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
