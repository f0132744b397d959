/*
 * Sanitising text at ingest. Everything a feed supplies goes through here
 * before it reaches the model: invalid UTF-8 becomes U+FFFD, C0 and C1
 * control characters (ESC, DEL, NEL, ...) are dropped except tab and
 * newline, and carriage returns become newlines. Combining marks, ZWJ/ZWNJ,
 * bidi controls and every other printable character are left alone: the
 * layout layer needs them. Titles additionally get their white space
 * collapsed to single spaces.
 */
#include "config.h"

#include "sanitize.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * SSE2 (every x86-64 has it) speeds up sanitize_clean_prefix and
 * sanitize_line; without it, or built with -DSANITIZE_NO_SIMD, the DFA and
 * the byte-by-byte loop alone do the same work.
 */
#if defined(__SSE2__) && !defined(SANITIZE_NO_SIMD)
#define SANITIZE_SSE2	1
#include <emmintrin.h>
#endif

#include "str.h"
#include "utf8.h"
#include "xmalloc.h"

#define SANITIZE_REPLACEMENT	UTF8_REPLACEMENT

/*
 * Two DFAs that recognise characters needing nothing done, one step per
 * byte. Each entry packs, for each of the ten states, the next state's
 * number times 6 into 6 bits at bit 6 * state, so a step is
 * "s = dfa[byte] >> (s & 63)" and the low 6 bits of s are the state:
 * 0 between characters, 6 an error (it stays), anything else inside a
 * character. The markup table accepts what parse.c's filter passes
 * unchanged: valid UTF-8 and no C0 control but tab, LF and CR. The text
 * table accepts what sanitize_text keeps unchanged: valid UTF-8 with no
 * control (C0 but tab and LF, DEL, C1). tests/test-sanitize.c checks them
 * against utf8_char. contrib/gen-sanitize-dfa.py makes them.
 */
#define SANITIZE_DFA_ACCEPT	0
#define SANITIZE_DFA_ERROR	6

static const uint64_t sanitize_dfa_markup[256] = {
	0x186186186186186ULL, 0x186186186186186ULL, 0x186186186186186ULL,
	0x186186186186186ULL, 0x186186186186186ULL, 0x186186186186186ULL,
	0x186186186186186ULL, 0x186186186186186ULL, 0x186186186186186ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186186ULL,
	0x186186186186186ULL, 0x186186186186180ULL, 0x186186186186186ULL,
	0x186186186186186ULL, 0x186186186186186ULL, 0x186186186186186ULL,
	0x186186186186186ULL, 0x186186186186186ULL, 0x186186186186186ULL,
	0x186186186186186ULL, 0x186186186186186ULL, 0x186186186186186ULL,
	0x186186186186186ULL, 0x186186186186186ULL, 0x186186186186186ULL,
	0x186186186186186ULL, 0x186186186186186ULL, 0x186186186186186ULL,
	0x186186186186186ULL, 0x186186186186186ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x19218c192300186ULL,
	0x19218c192300186ULL, 0x19218c192300186ULL, 0x19218c192300186ULL,
	0x19218c192300186ULL, 0x19218c192300186ULL, 0x19218c192300186ULL,
	0x19218c192300186ULL, 0x19218c192300186ULL, 0x19218c192300186ULL,
	0x19218c192300186ULL, 0x19218c192300186ULL, 0x19218c192300186ULL,
	0x19218c192300186ULL, 0x19218c192300186ULL, 0x19218c192300186ULL,
	0x18648c192300186ULL, 0x18648c192300186ULL, 0x18648c192300186ULL,
	0x18648c192300186ULL, 0x18648c192300186ULL, 0x18648c192300186ULL,
	0x18648c192300186ULL, 0x18648c192300186ULL, 0x18648c192300186ULL,
	0x18648c192300186ULL, 0x18648c192300186ULL, 0x18648c192300186ULL,
	0x18648c192300186ULL, 0x18648c192300186ULL, 0x18648c192300186ULL,
	0x18648c192300186ULL, 0x006486312300186ULL, 0x006486312300186ULL,
	0x006486312300186ULL, 0x006486312300186ULL, 0x006486312300186ULL,
	0x006486312300186ULL, 0x006486312300186ULL, 0x006486312300186ULL,
	0x006486312300186ULL, 0x006486312300186ULL, 0x006486312300186ULL,
	0x006486312300186ULL, 0x006486312300186ULL, 0x006486312300186ULL,
	0x006486312300186ULL, 0x006486312300186ULL, 0x006486312300186ULL,
	0x006486312300186ULL, 0x006486312300186ULL, 0x006486312300186ULL,
	0x006486312300186ULL, 0x006486312300186ULL, 0x006486312300186ULL,
	0x006486312300186ULL, 0x006486312300186ULL, 0x006486312300186ULL,
	0x006486312300186ULL, 0x006486312300186ULL, 0x006486312300186ULL,
	0x006486312300186ULL, 0x006486312300186ULL, 0x006486312300186ULL,
	0x186186186186186ULL, 0x186186186186186ULL, 0x18618618618618cULL,
	0x18618618618618cULL, 0x18618618618618cULL, 0x18618618618618cULL,
	0x18618618618618cULL, 0x18618618618618cULL, 0x18618618618618cULL,
	0x18618618618618cULL, 0x18618618618618cULL, 0x18618618618618cULL,
	0x18618618618618cULL, 0x18618618618618cULL, 0x18618618618618cULL,
	0x18618618618618cULL, 0x18618618618618cULL, 0x18618618618618cULL,
	0x18618618618618cULL, 0x18618618618618cULL, 0x18618618618618cULL,
	0x18618618618618cULL, 0x18618618618618cULL, 0x18618618618618cULL,
	0x18618618618618cULL, 0x18618618618618cULL, 0x18618618618618cULL,
	0x18618618618618cULL, 0x18618618618618cULL, 0x18618618618618cULL,
	0x18618618618618cULL, 0x18618618618618cULL, 0x18618618618619eULL,
	0x186186186186192ULL, 0x186186186186192ULL, 0x186186186186192ULL,
	0x186186186186192ULL, 0x186186186186192ULL, 0x186186186186192ULL,
	0x186186186186192ULL, 0x186186186186192ULL, 0x186186186186192ULL,
	0x186186186186192ULL, 0x186186186186192ULL, 0x186186186186192ULL,
	0x1861861861861a4ULL, 0x186186186186192ULL, 0x186186186186192ULL,
	0x1861861861861aaULL, 0x186186186186198ULL, 0x186186186186198ULL,
	0x186186186186198ULL, 0x1861861861861b0ULL, 0x186186186186186ULL,
	0x186186186186186ULL, 0x186186186186186ULL, 0x186186186186186ULL,
	0x186186186186186ULL, 0x186186186186186ULL, 0x186186186186186ULL,
	0x186186186186186ULL, 0x186186186186186ULL, 0x186186186186186ULL,
	0x186186186186186ULL,
};

static const uint64_t sanitize_dfa_text[256] = {
	0x186186186186186ULL, 0x186186186186186ULL, 0x186186186186186ULL,
	0x186186186186186ULL, 0x186186186186186ULL, 0x186186186186186ULL,
	0x186186186186186ULL, 0x186186186186186ULL, 0x186186186186186ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186186ULL,
	0x186186186186186ULL, 0x186186186186186ULL, 0x186186186186186ULL,
	0x186186186186186ULL, 0x186186186186186ULL, 0x186186186186186ULL,
	0x186186186186186ULL, 0x186186186186186ULL, 0x186186186186186ULL,
	0x186186186186186ULL, 0x186186186186186ULL, 0x186186186186186ULL,
	0x186186186186186ULL, 0x186186186186186ULL, 0x186186186186186ULL,
	0x186186186186186ULL, 0x186186186186186ULL, 0x186186186186186ULL,
	0x186186186186186ULL, 0x186186186186186ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186180ULL, 0x186186186186180ULL,
	0x186186186186180ULL, 0x186186186186186ULL, 0x19218c192300186ULL,
	0x19218c192300186ULL, 0x19218c192300186ULL, 0x19218c192300186ULL,
	0x19218c192300186ULL, 0x19218c192300186ULL, 0x19218c192300186ULL,
	0x19218c192300186ULL, 0x19218c192300186ULL, 0x19218c192300186ULL,
	0x19218c192300186ULL, 0x19218c192300186ULL, 0x19218c192300186ULL,
	0x19218c192300186ULL, 0x19218c192300186ULL, 0x19218c192300186ULL,
	0x18648c192300186ULL, 0x18648c192300186ULL, 0x18648c192300186ULL,
	0x18648c192300186ULL, 0x18648c192300186ULL, 0x18648c192300186ULL,
	0x18648c192300186ULL, 0x18648c192300186ULL, 0x18648c192300186ULL,
	0x18648c192300186ULL, 0x18648c192300186ULL, 0x18648c192300186ULL,
	0x18648c192300186ULL, 0x18648c192300186ULL, 0x18648c192300186ULL,
	0x18648c192300186ULL, 0x006486312300186ULL, 0x006486312300186ULL,
	0x006486312300186ULL, 0x006486312300186ULL, 0x006486312300186ULL,
	0x006486312300186ULL, 0x006486312300186ULL, 0x006486312300186ULL,
	0x006486312300186ULL, 0x006486312300186ULL, 0x006486312300186ULL,
	0x006486312300186ULL, 0x006486312300186ULL, 0x006486312300186ULL,
	0x006486312300186ULL, 0x006486312300186ULL, 0x006486312300186ULL,
	0x006486312300186ULL, 0x006486312300186ULL, 0x006486312300186ULL,
	0x006486312300186ULL, 0x006486312300186ULL, 0x006486312300186ULL,
	0x006486312300186ULL, 0x006486312300186ULL, 0x006486312300186ULL,
	0x006486312300186ULL, 0x006486312300186ULL, 0x006486312300186ULL,
	0x006486312300186ULL, 0x006486312300186ULL, 0x006486312300186ULL,
	0x186186186186186ULL, 0x186186186186186ULL, 0x1861861861861b6ULL,
	0x18618618618618cULL, 0x18618618618618cULL, 0x18618618618618cULL,
	0x18618618618618cULL, 0x18618618618618cULL, 0x18618618618618cULL,
	0x18618618618618cULL, 0x18618618618618cULL, 0x18618618618618cULL,
	0x18618618618618cULL, 0x18618618618618cULL, 0x18618618618618cULL,
	0x18618618618618cULL, 0x18618618618618cULL, 0x18618618618618cULL,
	0x18618618618618cULL, 0x18618618618618cULL, 0x18618618618618cULL,
	0x18618618618618cULL, 0x18618618618618cULL, 0x18618618618618cULL,
	0x18618618618618cULL, 0x18618618618618cULL, 0x18618618618618cULL,
	0x18618618618618cULL, 0x18618618618618cULL, 0x18618618618618cULL,
	0x18618618618618cULL, 0x18618618618618cULL, 0x18618618618619eULL,
	0x186186186186192ULL, 0x186186186186192ULL, 0x186186186186192ULL,
	0x186186186186192ULL, 0x186186186186192ULL, 0x186186186186192ULL,
	0x186186186186192ULL, 0x186186186186192ULL, 0x186186186186192ULL,
	0x186186186186192ULL, 0x186186186186192ULL, 0x186186186186192ULL,
	0x1861861861861a4ULL, 0x186186186186192ULL, 0x186186186186192ULL,
	0x1861861861861aaULL, 0x186186186186198ULL, 0x186186186186198ULL,
	0x186186186186198ULL, 0x1861861861861b0ULL, 0x186186186186186ULL,
	0x186186186186186ULL, 0x186186186186186ULL, 0x186186186186186ULL,
	0x186186186186186ULL, 0x186186186186186ULL, 0x186186186186186ULL,
	0x186186186186186ULL, 0x186186186186186ULL, 0x186186186186186ULL,
	0x186186186186186ULL,
};

/* Inlined even where the compiler would not: see sanitize_clean_prefix. */
#if defined(__GNUC__)
#define SANITIZE_ALWAYS_INLINE	inline __attribute__((always_inline))
#else
#define SANITIZE_ALWAYS_INLINE	inline
#endif

#ifdef SANITIZE_SSE2
/*
 * Whether the 16 bytes at p (a character boundary) are only printable
 * ASCII and two-byte characters that the DFA would accept, which is most
 * of an Arabic feed; if so, *len is how many to take: 16, or 15 when the
 * last byte is a lead whose continuation is beyond. "No" means "something
 * else is here, ask the DFA", which is never wrong, only slower. It is the
 * answer for tab, LF and CR, three- and four-byte characters, and in the
 * text table lead C2. What passes, byte by byte:
 *
 *   - 0x20-0x7F (markup) or 0x20-0x7E (text): all the ASCII its table
 *     accepts but tab, LF and CR;
 *   - a lead C2-DF (markup) or C3-DF (text) with a continuation 80-BF
 *     right after it: U+0080-U+07FF or U+00C0-U+07FF. These are never
 *     overlong (leads C0, C1), never a surrogate or beyond U+10FFFF (three
 *     and four bytes), and never a control in text: the C1 controls
 *     U+0080-U+009F are C2 80-C2 9F. So every continuation after such a
 *     lead is accepted by its table;
 *   - a continuation right after such a lead, and only there.
 *
 * SSE2 compares bytes as signed: ASCII is 0 to 127, continuations 80-BF
 * are -128 to -65, leads C0-DF -64 to -33. Each compare gives 0xff in the
 * bytes where it holds, and one bit a byte (bit k for byte k) of the
 * verdict says whether all 16 are good.
 */
static SANITIZE_ALWAYS_INLINE bool
sanitize_block16(const unsigned char *p, bool markup, size_t *len)
{
	const __m128i	v = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i		ascii, lead, cont, good;

	/* 0x20 and up; in text below 0x7f too. */
	ascii = _mm_cmpgt_epi8(v, _mm_set1_epi8(0x1f));
	if (!markup)
		ascii = _mm_and_si128(ascii,
		    _mm_cmplt_epi8(v, _mm_set1_epi8(0x7f)));
	/* C2 (-62) or C3 (-61) to DF (-33). */
	lead = _mm_and_si128(
	    _mm_cmpgt_epi8(v, _mm_set1_epi8(markup ? -63 : -62)),
	    _mm_cmplt_epi8(v, _mm_set1_epi8(-32)));
	/* 80 (-128) to BF (-65). */
	cont = _mm_cmplt_epi8(v, _mm_set1_epi8(-64));
	/*
	 * A byte is good if it is good ASCII, a good lead or a
	 * continuation, and is a continuation exactly when the byte before
	 * it is a lead (the leads moved one byte up, a zero coming in for
	 * the first byte, must match the continuations). A lead last is left
	 * for later.
	 */
	good = _mm_andnot_si128(_mm_xor_si128(cont, _mm_slli_si128(lead, 1)),
	    _mm_or_si128(_mm_or_si128(ascii, lead), cont));
	if (_mm_movemask_epi8(good) != 0xffff)
		return (false);
	*len = 16 - ((unsigned int)_mm_movemask_epi8(lead) >> 15);
	return (true);
}

/*
 * The same for sanitize_line: whether the 16 bytes at p (a character
 * boundary) come out of it as they are, wherever the run they are in
 * started. They do when every byte is one of
 *
 *   - printable ASCII but space (0x21-0x7E);
 *   - a lead C3-DF with a continuation right after it, or that
 *     continuation (U+00C0-U+07FF: no control, and no white space, the
 *     first of which after U+00A0 is U+1680);
 *   - a space between two of the above, all in the block: after
 *     printable ASCII or a continuation, before printable ASCII or a lead
 *     with its continuation. Such a space is neither first nor last in the
 *     block: the run before it is not empty and ends in a kept character,
 *     and a kept character follows. A single space between two kept
 *     characters is what sanitize_line writes as it is.
 *
 * *len is 16, or 15 when the last byte is a lead.
 */
static inline bool
sanitize_line_block16(const unsigned char *p, size_t *len)
{
	const __m128i	v = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i		ascii, lead, cont, space, good;

	ascii = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x20)),
	    _mm_cmplt_epi8(v, _mm_set1_epi8(0x7f)));
	lead = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(-62)),
	    _mm_cmplt_epi8(v, _mm_set1_epi8(-32)));
	cont = _mm_cmplt_epi8(v, _mm_set1_epi8(-64));
	/*
	 * Spaces with the end of a kept character before them and the start
	 * of one after them: ASCII, or a lead whose continuation is in the
	 * block too (the bytes moved one byte down or up; zeros come in).
	 */
	space = _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')),
	    _mm_and_si128(_mm_slli_si128(_mm_or_si128(ascii, cont), 1),
	    _mm_srli_si128(_mm_or_si128(ascii,
	    _mm_and_si128(lead, _mm_srli_si128(cont, 1))), 1)));
	good = _mm_andnot_si128(_mm_xor_si128(cont, _mm_slli_si128(lead, 1)),
	    _mm_or_si128(_mm_or_si128(ascii, lead), _mm_or_si128(cont, space)));
	if (_mm_movemask_epi8(good) != 0xffff)
		return (false);
	*len = 16 - ((unsigned int)_mm_movemask_epi8(lead) >> 15);
	return (true);
}
#endif

/*
 * The body of sanitize_clean_prefix, made twice with markup a constant so
 * that each block test is made for its table. i is always at a character
 * boundary with everything before it accepted. Sixteen bytes that pass the
 * block test move i on by 16, or 15 when a lead is last. Where the test
 * fails (or there is no SSE2), the DFA takes the next 16 bytes unchecked
 * (its error state stays) and the rest of the character the last of them
 * is in; then either i moves on, or there is an error and the
 * byte-by-byte loop finds it again from i, as it does the tail shorter
 * than a block.
 */
static SANITIZE_ALWAYS_INLINE size_t
sanitize_clean_prefix_mode(const unsigned char *p, size_t n, bool markup)
{
	const uint64_t	*dfa = markup ? sanitize_dfa_markup : sanitize_dfa_text;
	uint64_t	 s;
	size_t		 i = 0, done, j, k;

	while (n - i >= 16) {
#ifdef SANITIZE_SSE2
		if (sanitize_block16(p + i, markup, &k)) {
			i += k;
			continue;
		}
#endif
		s = SANITIZE_DFA_ACCEPT;
		for (k = 0; k < 16; k += 4) {
			s = dfa[p[i + k]] >> (s & 63);
			s = dfa[p[i + k + 1]] >> (s & 63);
			s = dfa[p[i + k + 2]] >> (s & 63);
			s = dfa[p[i + k + 3]] >> (s & 63);
		}
		/* Finish a character the block cut. */
		for (j = i + 16; (s & 63) != SANITIZE_DFA_ACCEPT &&
		    (s & 63) != SANITIZE_DFA_ERROR && j < n; j++)
			s = dfa[p[j]] >> (s & 63);
		if ((s & 63) != SANITIZE_DFA_ACCEPT)
			break;
		i = j;
	}
	/* Byte by byte from the last character boundary known good. */
	s = SANITIZE_DFA_ACCEPT;
	for (done = i; i < n; i++) {
		s = dfa[p[i]] >> (s & 63);
		if ((s & 63) == SANITIZE_DFA_ERROR)
			break;
		if ((s & 63) == SANITIZE_DFA_ACCEPT)
			done = i + 1;
	}
	return (done);
}

/*
 * The length of the longest prefix of n bytes at p made of whole
 * characters that need nothing done (see the tables above); a character
 * cut by the end is not part of it. The two calls make the body twice,
 * each with its table's block test: with markup in a register the loop
 * costs half again as many instructions.
 */
size_t
sanitize_clean_prefix(const unsigned char *p, size_t n, bool markup)
{
	if (markup)
		return (sanitize_clean_prefix_mode(p, n, true));
	return (sanitize_clean_prefix_mode(p, n, false));
}

/* Whether c is white space to collapse in a one-line text. */
static bool
sanitize_is_space(unsigned int c)
{
	return (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\f' || c == '\v' || c == 0xa0 || c == 0x1680 ||
	    (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 ||
	    c == 0x202f || c == 0x205f || c == 0x3000);
}

/* Whether c is a control character that never survives. */
static bool
sanitize_is_control(unsigned int c)
{
	return (c < 0x20 || (c >= 0x7f && c <= 0x9f));
}

/*
 * The common loop: copy p to s, replacing invalid UTF-8 and dropping
 * controls; with line set, collapse white space and trim. Runs of bytes
 * that need nothing are copied in one go.
 */
static void
sanitize_run(struct str *s, const char *p, size_t len, bool line)
{
	const unsigned char	*u = (const unsigned char *)p;
	size_t			 i, n, start;
	unsigned int		 c;
	bool			 pending = false;
#ifdef SANITIZE_SSE2
	size_t			 retry = 0;
#endif

	str_reserve(s, len);
	s->ptr[s->len] = '\0';
	i = start = 0;
	/* Text (not lines): what needs nothing done is copied in one go. */
	if (!line)
		i = sanitize_clean_prefix(u, len, false);
	while (i < len) {
#ifdef SANITIZE_SSE2
		/*
		 * Lines: 16 bytes that come out as they are join the run in
		 * one go. Where a block does not, the next 16 bytes go one
		 * at a time before another block is tried.
		 */
		if (line && i >= retry && len - i >= 16) {
			if (sanitize_line_block16(u + i, &n)) {
				i += n;
				continue;
			}
			retry = i + 16;
		}
#endif
		if (u[i] > 0x20 && u[i] < 0x7f) {
			i++;
			continue;
		}
		/*
		 * Two-byte characters from U+00C0 on (Arabic among them) are
		 * neither controls nor spaces: no need to decode them.
		 */
		if (u[i] >= 0xc3 && u[i] <= 0xdf && i + 1 < len &&
		    (u[i + 1] & 0xc0) == 0x80) {
			i += 2;
			continue;
		}
		if (u[i] >= 0x80) {
			n = utf8_fast(u + i, len - i, &c);
			if (n != 0 && c >= 0xa0 && !(line && sanitize_is_space(c))) {
				i += n;
				continue;
			}
		} else {
			n = 1;
			c = u[i];
			if (c == ' ' && !line) {
				i++;
				continue;
			}
			/*
			 * In a line, a single space after the run (not
			 * empty, so the space is neither first nor after
			 * other white space) and before a character that
			 * joins the run for sure (printable ASCII but space,
			 * or U+00C0-U+07FF as above) comes out as it is:
			 * keep it in the run rather than flush the run and
			 * make it pending.
			 */
			if (c == ' ' && i > start && i + 1 < len) {
				if (u[i + 1] > 0x20 && u[i + 1] < 0x7f) {
					i += 2;
					continue;
				}
				if (u[i + 1] >= 0xc3 && u[i + 1] <= 0xdf &&
				    i + 2 < len && (u[i + 2] & 0xc0) == 0x80) {
					i += 3;
					continue;
				}
			}
		}
		/* Flush the run before this character, then deal with it. */
		if (i > start) {
			if (pending && s->len != 0)
				str_appendc(s, ' ');
			pending = false;
			str_append(s, p + start, i - start);
		}
		if (n == 0) {
			c = SANITIZE_REPLACEMENT;
			n = 1;
		}
		i += n;
		start = i;
		if (line && sanitize_is_space(c)) {
			pending = true;
			continue;
		}
		if (c == '\r') {
			/* CR LF and lone CR both become LF. */
			if (i < len && u[i] == '\n')
				i++;
			start = i;
			c = '\n';
		}
		if (sanitize_is_control(c) && c != '\t' && c != '\n')
			continue;
		if (pending && s->len != 0)
			str_appendc(s, ' ');
		pending = false;
		if (c < 0x80)
			str_appendc(s, (char)c);
		else
			utf8_put(s, c);
	}
	if (i > start) {
		if (pending && s->len != 0)
			str_appendc(s, ' ');
		str_append(s, p + start, i - start);
	}
}

/*
 * Return a sanitised copy of len bytes of text: valid UTF-8, no control
 * characters but tab and newline (CR LF becomes LF).
 */
char *
sanitize_text(const char *p, size_t len)
{
	struct str	s;

	str_init(&s);
	sanitize_run(&s, p, len, false);
	return (str_steal(&s));
}

/*
 * Return a sanitised copy of len bytes as one line: like sanitize_text, and
 * every run of white space (including no-break and other Unicode spaces)
 * becomes a single space, with none at either end.
 */
char *
sanitize_line(const char *p, size_t len)
{
	struct str	s;

	str_init(&s);
	sanitize_run(&s, p, len, true);
	return (str_steal(&s));
}
