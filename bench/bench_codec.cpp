// Throughput of the transfer codecs on ~8 MB of realistic data, each next to a memcpy of the same
// number of bytes in the same run (the memory-bandwidth ceiling on this machine).
//
//   cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=Release -DMIMETOOL_BENCH=ON
//   cmake --build build-rel --target bench_codec
//   ./build-rel/bench/bench_codec --benchmark_repetitions=5 --benchmark_report_aggregates_only=true

#include <benchmark/benchmark.h>

#include <cstring>
#include <random>
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif
#include <string>

#include "codec/transfer_detail.hpp"
#include "mimetool/codec.hpp"

namespace {

constexpr std::size_t kSize = 8u << 20;

// Attachment-like bytes: compressed data looks random, so random bytes are the realistic case.
const std::string& binary_data() {
  static const std::string data = [] {
    std::mt19937_64 rng(1);
    std::string s(kSize / 4 * 3, '\0');  // encodes to ~8 MB of base64
    for (std::size_t i = 0; i + 8 <= s.size(); i += 8) {
      const std::uint64_t v = rng();
      std::memcpy(&s[i], &v, 8);
    }
    return s;
  }();
  return data;
}

// European-language mail text (German/French/English words, ~5% non-ASCII bytes, so one '=' every
// ~17 bytes once encoded), '=' now and then, lines of 40..100 characters with CRLF, a few trailing
// blanks. With `ascii_only`, the accented words are left out (English text: escapes are rare).
std::string make_text(bool ascii_only) {
  {
    static const char* const words[] = {
        "the",     "meeting", "will",   "take",     "place", "on",      "Thursday", "in",     "room",   "and",
        "please",  "send",    "your",   "comments", "to",    "invoice", "number",   "with",   "regards", "project",
        "schedule", "der",    "die",    "und",      "nicht", "Termin",  "bitte",    "2024",   "a=b",    "information",
        "f\xC3\xBCr", "M\xC3\xA4rz", "caf\xC3\xA9", "Stra\xC3\x9F" "e", "\xE2\x82\xAC"};
    std::mt19937 rng(2);
    std::uniform_int_distribution<std::size_t> pick(0, std::size(words) - (ascii_only ? 6 : 1));
    std::uniform_int_distribution<std::size_t> width(40, 100);
    std::string s;
    s.reserve(kSize + 200);
    while (s.size() < kSize) {
      const std::size_t w = width(rng);
      std::size_t line = 0;
      while (line < w) {
        const std::string_view word = words[pick(rng)];
        s += word;
        s += ' ';
        line += word.size() + 1;
      }
      if (rng() % 8) s.pop_back();  // most lines have no trailing blank
      s += "\r\n";
    }
    return s;
  }
}

const std::string& text_data() {
  static const std::string data = make_text(false);
  return data;
}
const std::string& ascii_text_data() {
  static const std::string data = make_text(true);
  return data;
}

// Chinese/Japanese mail text in UTF-8: three bytes per character, so nearly every byte is an escape
// once encoded; ASCII punctuation and digits now and then, CRLF lines of 20..40 characters.
const std::string& cjk_text_data() {
  static const std::string data = [] {
    static const char* const pieces[] = {"\xE6\x97\xA5", "\xE6\x9C\xAC", "\xE8\xAA\x9E", "\xE4\xB8\xAD",
                                         "\xE6\x96\x87", "\xE3\x81\x82", "\xE3\x80\x82", "\xE4\xBC\x9A",
                                         "\xE8\xAD\xB0", "2024", ", ", "\xEF\xBC\x9A"};
    std::mt19937 rng(3);
    std::uniform_int_distribution<std::size_t> pick(0, std::size(pieces) - 1);
    std::uniform_int_distribution<std::size_t> width(20, 40);
    std::string s;
    s.reserve(kSize + 200);
    while (s.size() < kSize) {
      const std::size_t w = width(rng);
      for (std::size_t k = 0; k < w; ++k) s += pieces[pick(rng)];
      s += "\r\n";
    }
    return s;
  }();
  return data;
}

const std::string& base64_text() {
  static const std::string data = mimetool::encode_base64(binary_data());
  return data;
}

const std::string& qp_text() {
  static const std::string data = mimetool::encode_quoted_printable(text_data());
  return data;
}
const std::string& qp_cjk_text() {
  static const std::string data = mimetool::encode_quoted_printable(cjk_text_data());
  return data;
}
const std::string& qp_ascii_text() {
  static const std::string data = mimetool::encode_quoted_printable(ascii_text_data());
  return data;
}

void run_memcpy(benchmark::State& state, const std::string& src) {
  std::string dst(src.size(), '\0');
  for (auto _ : state) {
    std::memcpy(dst.data(), src.data(), src.size());
    benchmark::DoNotOptimize(dst.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * src.size()));
}

// The codec rows decode/encode into an output buffer reused across iterations (through the streaming
// TransferDecoder/TransferEncoder, fed the whole input at once), as the memcpy rows
// do; the "oneshot" rows call the allocating one-shot functions (a fresh multi-megabyte string each
// time, so they also pay the page faults of new memory).
void decode_whole(benchmark::State& state, mimetool::TransferEncoding enc, const std::string& in) {
  std::string out;
  out.reserve(in.size() + 64);
  for (auto _ : state) {
    out.clear();
    mimetool::TransferDecoder dec(enc);
    dec.feed(in, out);
    dec.finish(out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * in.size()));
}

void encode_whole(benchmark::State& state, mimetool::TransferEncoding enc, const std::string& in,
                  const mimetool::EncodeOptions& options = {}) {
  std::string out;
  out.reserve(in.size() * 2);
  for (auto _ : state) {
    out.clear();
    mimetool::TransferEncoder encoder(enc, options);
    encoder.feed(in, out);
    encoder.finish(out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * in.size()));
}

void decode_chunked(benchmark::State& state, mimetool::TransferEncoding enc, const std::string& in) {
  std::string out;
  out.reserve(in.size() + 64);
  for (auto _ : state) {
    out.clear();
    mimetool::TransferDecoder dec(enc);
    for (std::size_t i = 0; i < in.size(); i += 65536) dec.feed(std::string_view(in).substr(i, 65536), out);
    dec.finish(out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * in.size()));
}

void BM_base64_decode(benchmark::State& state) { decode_whole(state, mimetool::TransferEncoding::base64, base64_text()); }
void BM_base64_decode_scalar(benchmark::State& state) {
  const std::string& in = base64_text();
  std::string out;
  out.reserve(in.size());
  for (auto _ : state) {
    out.clear();
    mimetool::detail::Base64State st;
    mimetool::detail::base64_decode_chunk(st, in, 0, out, nullptr, mimetool::detail::Base64Path::scalar);
    mimetool::detail::base64_decode_finish(st, in.size(), out, nullptr);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * in.size()));
}
void BM_base64_decode_stream_64k(benchmark::State& state) {
  decode_chunked(state, mimetool::TransferEncoding::base64, base64_text());
}
void BM_base64_decode_oneshot(benchmark::State& state) {
  const std::string& in = base64_text();
  for (auto _ : state) benchmark::DoNotOptimize(mimetool::decode_base64(in));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * in.size()));
}
void BM_base64_decode_memcpy(benchmark::State& state) { run_memcpy(state, base64_text()); }

void BM_base64_encode(benchmark::State& state) { encode_whole(state, mimetool::TransferEncoding::base64, binary_data()); }
void BM_base64_encode_oneshot(benchmark::State& state) {
  const std::string& in = binary_data();
  for (auto _ : state) benchmark::DoNotOptimize(mimetool::encode_base64(in));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * in.size()));
}
void BM_base64_encode_scalar(benchmark::State& state) {
  const std::string& in = binary_data();
  std::string out;
  out.reserve(in.size() * 2);
  for (auto _ : state) {
    out.clear();
    std::size_t column = 0;
    mimetool::detail::base64_encode_groups(in, out, mimetool::LineEnding::crlf, 76, column,
                                           mimetool::detail::SimdPath::scalar);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * in.size()));
}
void BM_base64_encode_memcpy(benchmark::State& state) { run_memcpy(state, binary_data()); }
// Where encoding's ceiling is. "unwrapped": one line without line endings (line_length 0), the
// same kernel without the line structure. The two "output" rows only write as many bytes as the
// encoder writes (4/3 of the input plus a CRLF per 76 characters), counted per input byte like the
// codec rows: once with plain 32-byte vector stores, as any SIMD encoder stores, and once with
// memset, which glibc does with `rep stosb` (the same fast-string path its memcpy uses at this
// size) and which can write cache lines without reading them first.
void BM_base64_encode_unwrapped(benchmark::State& state) {
  mimetool::EncodeOptions options;
  options.line_length = 0;
  encode_whole(state, mimetool::TransferEncoding::base64, binary_data(), options);
}
std::size_t encoded_size(std::size_t n) {
  const std::size_t chars = (n + 2) / 3 * 4;
  return chars + (chars + 75) / 76 * 2;
}
#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("avx2"), noinline)) void store_32(char* dst, std::size_t n, char value) {
  const __m256i v = _mm256_set1_epi8(value);
  std::size_t i = 0;
  for (; i + 32 <= n; i += 32) _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + i), v);
  std::memset(dst + i, value, n - i);
}
#endif
// Writes the encoder's output size with `write(dst, n, value)`, a different value each time.
template <class Write>
void write_encoded_size(benchmark::State& state, Write write) {
  const std::size_t in = binary_data().size();
  std::string out(encoded_size(in), '\0');
  char value = 'A';
  for (auto _ : state) {
    write(out.data(), out.size(), value++);
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * in));
}
#if defined(__x86_64__) && defined(__GNUC__)
void BM_base64_encode_output_vector_stores(benchmark::State& state) {
  if (!__builtin_cpu_supports("avx2")) {
    state.SkipWithError("no AVX2");
    return;
  }
  write_encoded_size(state, store_32);
}
#endif
void BM_base64_encode_output_memset(benchmark::State& state) {
  write_encoded_size(state, [](char* dst, std::size_t n, char value) { std::memset(dst, value, n); });
}

// The portable quoted-printable loops, forced (the plain rows use AVX2 where the CPU has it).
void qp_decode_scalar(benchmark::State& state, const std::string& in) {
  std::string out;
  out.reserve(in.size() + 64);
  for (auto _ : state) {
    out.clear();
    mimetool::detail::qp_decode_chunk(in, true, 0, out, nullptr, mimetool::detail::SimdPath::scalar);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * in.size()));
}
void qp_encode_scalar(benchmark::State& state, const std::string& in) {
  std::string out;
  out.reserve(in.size() * 2);
  for (auto _ : state) {
    out.clear();
    std::size_t column = 0;
    mimetool::detail::qp_encode_chunk(in, true, mimetool::EncodeOptions{}, column, out,
                                      mimetool::detail::SimdPath::scalar);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * in.size()));
}

void BM_qp_decode(benchmark::State& state) {
  decode_whole(state, mimetool::TransferEncoding::quoted_printable, qp_text());
}
void BM_qp_decode_stream_64k(benchmark::State& state) {
  decode_chunked(state, mimetool::TransferEncoding::quoted_printable, qp_text());
}
void BM_qp_decode_oneshot(benchmark::State& state) {
  const std::string& in = qp_text();
  for (auto _ : state) benchmark::DoNotOptimize(mimetool::decode_quoted_printable(in));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * in.size()));
}
void BM_qp_decode_scalar(benchmark::State& state) { qp_decode_scalar(state, qp_text()); }
void BM_qp_decode_memcpy(benchmark::State& state) { run_memcpy(state, qp_text()); }
void BM_qp_decode_english(benchmark::State& state) {
  decode_whole(state, mimetool::TransferEncoding::quoted_printable, qp_ascii_text());
}
void BM_qp_decode_english_scalar(benchmark::State& state) { qp_decode_scalar(state, qp_ascii_text()); }
void BM_qp_decode_english_memcpy(benchmark::State& state) { run_memcpy(state, qp_ascii_text()); }
void BM_qp_decode_cjk(benchmark::State& state) {
  decode_whole(state, mimetool::TransferEncoding::quoted_printable, qp_cjk_text());
}
void BM_qp_decode_cjk_scalar(benchmark::State& state) { qp_decode_scalar(state, qp_cjk_text()); }

void BM_qp_encode(benchmark::State& state) {
  encode_whole(state, mimetool::TransferEncoding::quoted_printable, text_data());
}
void BM_qp_encode_oneshot(benchmark::State& state) {
  const std::string& in = text_data();
  for (auto _ : state) benchmark::DoNotOptimize(mimetool::encode_quoted_printable(in));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * in.size()));
}
void BM_qp_encode_scalar(benchmark::State& state) { qp_encode_scalar(state, text_data()); }
void BM_qp_encode_memcpy(benchmark::State& state) { run_memcpy(state, text_data()); }
void BM_qp_encode_english(benchmark::State& state) {
  encode_whole(state, mimetool::TransferEncoding::quoted_printable, ascii_text_data());
}
void BM_qp_encode_english_scalar(benchmark::State& state) { qp_encode_scalar(state, ascii_text_data()); }
void BM_qp_encode_english_memcpy(benchmark::State& state) { run_memcpy(state, ascii_text_data()); }

}  // namespace

BENCHMARK(BM_base64_decode)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_base64_decode_scalar)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_base64_decode_stream_64k)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_base64_decode_oneshot)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_base64_decode_memcpy)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_base64_encode)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_base64_encode_oneshot)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_base64_encode_scalar)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_base64_encode_memcpy)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_base64_encode_unwrapped)->Unit(benchmark::kMillisecond);
#if defined(__x86_64__) && defined(__GNUC__)
BENCHMARK(BM_base64_encode_output_vector_stores)->Unit(benchmark::kMillisecond);
#endif
BENCHMARK(BM_base64_encode_output_memset)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_qp_decode)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_qp_decode_stream_64k)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_qp_decode_oneshot)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_qp_decode_scalar)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_qp_decode_memcpy)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_qp_decode_english)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_qp_decode_english_scalar)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_qp_decode_english_memcpy)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_qp_decode_cjk)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_qp_decode_cjk_scalar)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_qp_encode)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_qp_encode_oneshot)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_qp_encode_scalar)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_qp_encode_memcpy)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_qp_encode_english)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_qp_encode_english_scalar)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_qp_encode_english_memcpy)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
