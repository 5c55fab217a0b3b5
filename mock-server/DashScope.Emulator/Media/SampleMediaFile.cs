namespace DashScope.Emulator.Media;

/// <summary>The sample media shipped inside the emulator and served under <c>/__emulator/files/</c>.</summary>
public enum SampleMediaFile
{
    /// <summary><c>portrait.png</c>: a 256×320 drawn portrait with a face.</summary>
    Portrait,

    /// <summary><c>no-face.png</c>: a 320×200 landscape, registered as having no face.</summary>
    NoFaceImage,

    /// <summary><c>speech.wav</c>: 2.528 s of synthetic speech, 8 kHz mono PCM.</summary>
    SpeechWav,

    /// <summary><c>speech.mp3</c>: the same speech as a 32 kbit/s MP3, 2.628 s long (the encoder adds padding).</summary>
    SpeechMp3,

    /// <summary><c>result.mp4</c>: the 2 s talking-head clip every succeeded task points at.</summary>
    ResultVideo,
}
