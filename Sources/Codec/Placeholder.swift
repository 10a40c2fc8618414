public enum CodecPlaceholder {}
