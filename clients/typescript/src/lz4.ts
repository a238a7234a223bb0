// LZ4 for kafkajs, which ships only gzip: the newswire services write
// lz4-compressed batches (Kafka's LZ4 is the LZ4 frame format, which the
// pure-JavaScript lz4js reads and writes; no native build needed).
import kafkajs from "kafkajs";
// @ts-expect-error lz4js ships no type declarations
import lz4 from "lz4js";

const { CompressionCodecs, CompressionTypes } = kafkajs;

interface Encoder {
  buffer: Buffer;
}

function codec() {
  return {
    async compress(encoder: Encoder): Promise<Buffer> {
      return Buffer.from(lz4.compress(encoder.buffer));
    },
    async decompress(buffer: Buffer): Promise<Buffer> {
      return Buffer.from(lz4.decompress(buffer));
    },
  };
}

/** Registers the codec (kafkajs keeps codecs per process; its own LZ4
 * entry only throws "not implemented"). */
export function registerLz4(): void {
  CompressionCodecs[CompressionTypes.LZ4] = codec as never;
}
