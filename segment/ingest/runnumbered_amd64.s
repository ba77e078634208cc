#include "textflag.h"
#include "go_asm.h"

// The numbered run (see runnumbered.go): run.lines' loop for the lines
// whose id has the ledger's numbered form, short or long, step for step
// as the Go loop takes them; any line it would not take, or would take
// otherwise, ends the loop there. A line's fields are written to its
// place as they are made; a line the loop does not take leaves its
// place to the Go loop, which writes every field of it.
//
// Registers kept from line to line:
//   R15 the numberedArgs    DI the line's start    R8 the last start
//   R9  the line's place    R10 the end of out     SI the next start
//   R11 the last id's word (a long id's first)
//   X14 ',' in every byte   X15 zero

// NEXT_END puts the place of the first field end left in the mask AX
// in r, and takes it from the mask; none left ends the loop.
#define NEXT_END(r) BSFQ AX, r; JEQ done; BTRQ r, AX

// COMMA_AT ends the loop unless the line's byte at r is a comma.
#define COMMA_AT(r) CMPB (DI)(r*1), $0x2c; JNE done

// NOT_DIGITS leaves r zero if every byte of x is a digit (bulk's
// notDigits: each byte's high nibble, and that of the byte plus 6, is
// 3); t is scratch.
#define NOT_DIGITS(x, r, t) MOVQ $0x0606060606060606, r; ADDQ x, r; MOVQ $0xf0f0f0f0f0f0f0f0, t; ANDQ t, r; SHRQ $4, r; ANDQ x, t; ORQ t, r; MOVQ $0x3333333333333333, t; XORQ t, r

// DIGITS_VALUE turns x, 8 digits' values (0 to 9) with the first in the
// lowest byte, into their number (bulk's digitsValue: pairs, fours,
// eights); t is scratch.
#define DIGITS_VALUE(x, t) IMULQ $2561, x; SHRQ $8, x; MOVQ $0x00ff00ff00ff00ff, t; ANDQ t, x; IMULQ $6553601, x; SHRQ $16, x; MOVQ $0x0000ffff0000ffff, t; ANDQ t, x; MOVQ $42949672960001, t; IMULQ t, x; SHRQ $32, x

// microsPer[f] is bulk.DecimalMicros' scale: 10^(6-f).
DATA microsPer<>+0(SB)/8, $1000000
DATA microsPer<>+8(SB)/8, $100000
DATA microsPer<>+16(SB)/8, $10000
DATA microsPer<>+24(SB)/8, $1000
DATA microsPer<>+32(SB)/8, $100
DATA microsPer<>+40(SB)/8, $10
DATA microsPer<>+48(SB)/8, $1
DATA microsPer<>+56(SB)/8, $0
GLOBL microsPer<>(SB), RODATA|NOPTR, $64

// func runNumberedLines(a *numberedArgs)
TEXT ·runNumberedLines(SB), NOSPLIT, $0-8
	MOVQ a+0(FP), R15
	MOVQ numberedArgs_p(R15), DI
	MOVQ numberedArgs_limit(R15), R8
	MOVQ numberedArgs_o(R15), R9
	MOVQ numberedArgs_oEnd(R15), R10
	MOVQ numberedArgs_prev(R15), R11
	MOVQ $0x2c2c2c2c2c2c2c2c, AX
	MOVQ AX, X14
	PSHUFD $0, X14, X14
	PXOR X15, X15

loop:
	CMPQ DI, R8
	JHI done
	CMPQ R9, R10
	JCC done

	// The field ends: the bytes of the line's first 32 below '-' (as
	// ascii.BelowDash: a byte minus ',' with saturation is 0), a bit
	// each. The id ends at the first (R12), the date at the second
	// (R13), the line at the third (R14); fewer than three: a longer
	// line.
	MOVOU (DI), X0
	MOVOU 16(DI), X1
	PSUBUSB X14, X0
	PSUBUSB X14, X1
	PCMPEQB X15, X0
	PCMPEQB X15, X1
	PMOVMSKB X0, AX
	PMOVMSKB X1, BX
	SHLQ $16, BX
	ORQ BX, AX
	NEXT_END(R12)
	COMMA_AT(R12)
	NEXT_END(R13)
	COMMA_AT(R13)
	NEXT_END(R14)
	LEAQ 1(DI)(R14*1), SI
	MOVBLZX (DI)(R14*1), BX
	CMPB BX, $0x0a
	JEQ dated
	CMPB BX, $0x0d
	JNE done
	CMPB 1(DI)(R14*1), $0x0a
	JNE done
	INCQ SI

dated:
	// The run's date: its length and words (bulk.Words of 8 to 16 bytes).
	MOVQ R13, BX
	SUBQ R12, BX
	DECQ BX
	CMPQ BX, numberedArgs_dateLen(R15)
	JNE done
	MOVQ 1(DI)(R12*1), BX
	CMPQ BX, numberedArgs_dateLo(R15)
	JNE done
	MOVQ -8(DI)(R13*1), BX
	CMPQ BX, numberedArgs_dateHi(R15)
	JNE done

	// The id: n bytes if padded, else at most 8 (9 to 16 in a long
	// form).
	MOVQ numberedArgs_n(R15), BX
	TESTQ BX, BX
	JEQ unpadded
	CMPQ R12, BX
	JNE done
	JMP sized
unpadded:
	CMPQ R12, numberedArgs_maxLen(R15)
	JHI done
sized:
	CMPQ numberedArgs_long(R15), $0
	JNE long
	// Its word (BX), bulk.WordOf: the line's first bytes, those past the
	// id cleared.
	MOVQ R12, CX
	SHLQ $3, CX
	NEGQ CX
	MOVQ $-1, BX
	SHRQ CX, BX
	ANDQ (DI), BX
	// Its digits, k = the length less the prefix's: z (AX) is the word
	// without the prefix, moved up by u = 64-8k (CX, as the shift reads
	// it), '0's below (bulk.Dense's digits). k is at most 8; an id no
	// longer than the prefix (k of 0 or less) leaves 0 bytes in z, which
	// are not digits.
	MOVQ R12, DX
	SUBQ numberedArgs_plen(R15), DX
	MOVQ numberedArgs_at(R15), CX
	MOVQ BX, AX
	SHRQ CX, AX
	MOVQ DX, CX
	SHLQ $3, CX
	NEGQ CX
	SHLQ CX, AX
pad:
	// '0's below the digits.
	MOVQ $1, DX
	SHLQ CX, DX
	DECQ DX
	ANDQ numberedArgs_zeros(R15), DX
	ORQ DX, AX
	// Unpadded, a number of more than one digit has no leading zero.
	CMPQ numberedArgs_n(R15), $0
	JNE digits
	ANDQ $63, CX
	CMPQ CX, $56
	JEQ digits
	MOVQ AX, DX
	SHRQ CX, DX
	CMPB DX, $0x30
	JEQ done
digits:
	// Every byte of z a digit (bulk's notDigits), and the prefix the
	// form's.
	NOT_DIGITS(AX, CX, DX)
	MOVQ BX, DX
	ANDQ numberedArgs_mask(R15), DX
	XORQ numberedArgs_prefix(R15), DX
	ORQ DX, CX
	JNE done
	// The number (bulk's digitsValue: the units in z's top byte), below
	// DenseLimit, and its dense hash (hashOfNumber: the low 2 bits on
	// top, DenseMark, the others).
	MOVQ numberedArgs_zeros(R15), CX
	SUBQ CX, AX
	LEAQ (AX)(AX*4), CX
	ADDQ CX, CX
	SHRQ $8, AX
	ADDQ CX, AX
	MOVQ $0x000000ff000000ff, DX
	MOVQ AX, CX
	ANDQ DX, CX
	SHRQ $16, AX
	ANDQ DX, AX
	MOVQ $0x000f424000000064, DX // 100 + 1000000<<32
	IMULQ DX, CX
	MOVQ $0x0000271000000001, DX // 1 + 10000<<32
	IMULQ DX, AX
	ADDQ CX, AX
	SHRQ $32, AX
	MOVQ AX, CX
	SHRQ $22, CX // bulk.DenseLimit
	JNE done
	MOVQ AX, CX
	SHLQ $62, CX
	SHRQ $2, AX
	ORQ CX, AX
	BTSQ $32, AX
	// The line's hash and id, and its last 8 bytes: the day, no flags, a
	// repeat if the id is the last one's, the id's length in Short.
	MOVQ AX, 0(R9)
	CMPQ numberedArgs_long(R15), $0
	JNE longLine
	MOVQ BX, 16(R9)
	XORL CX, CX
	CMPQ BX, R11
	SETEQ CX
	SHLQ $48, CX
	SHLQ $56, R12
	ORQ R12, CX
	ORQ numberedArgs_day(R15), CX
	MOVQ CX, 24(R9)

amount:
	// An amount of two decimals and no sign, D.DD to DDDDD.DD (4 to 8
	// bytes), most of a shop's: its 8 bytes up to the line's end (AX),
	// the dot dropped, read as the general path below reads them, in
	// fewer steps. Any other amount goes there.
	MOVQ R14, CX
	SUBQ R13, CX
	SUBQ $5, CX // n-4, n the amount's bytes
	CMPQ CX, $4
	JHI general
	CMPB -3(DI)(R14*1), $0x2e
	JNE general
	MOVQ -8(DI)(R14*1), AX
	// The digits without the dot (the word's sixth byte): the two
	// decimals stay on top, the bytes below move up over the dot.
	MOVQ AX, BX
	SHLQ $8, BX
	MOVQ $0xffff000000000000, DX
	ANDQ DX, AX
	MOVQ $0x0000ffffffffff00, DX
	ANDQ DX, BX
	ORQ BX, AX
	// Its n-1 digits on top, '0's below them (withoutDot's leading
	// zeros): CX = 64-8(n-1), the bytes below the digits.
	SHLQ $3, CX
	NEGQ CX
	ADDQ $40, CX
	MOVQ $-1, BX
	SHLQ CX, BX
	ANDQ BX, AX
	NOTQ BX
	ANDQ numberedArgs_zeros(R15), BX
	ORQ BX, AX
	// Every byte a digit (bulk's notDigits, as for the id).
	NOT_DIGITS(AX, CX, DX)
	JNE general
	// digitsValue of the digits, in cents; DecimalMicros of 2 decimals.
	SUBQ numberedArgs_zeros(R15), AX
	DIGITS_VALUE(AX, BX)
	IMULQ $10000, AX
	JMP amounted

general:
	// The amount: a sign (DX), then n (R14) of up to 8 bytes, read as a
	// word (R13), as the Go loop does (fastline.go's helpers).
	CMPQ numberedArgs_twoOnly(R15), $0
	JNE done
	LEAQ 1(R13), R12
	XORL DX, DX
	CMPB (DI)(R12*1), $0x2d
	SETEQ DX
	ADDQ DX, R12
	SUBQ R12, R14
	LEAQ -1(R14), BX
	CMPQ BX, $8
	JCC done
	MOVQ (DI)(R12*1), R13
	// field (R12): the mask of the word's first n bytes.
	MOVQ R14, CX
	SHLQ $3, CX
	NEGQ CX
	MOVQ $-1, R12
	SHRQ CX, R12
	// dot (CX): zeroBytes(word ^ dots) & field.
	MOVQ $0x2e2e2e2e2e2e2e2e, AX
	XORQ R13, AX
	MOVQ $0x7f7f7f7f7f7f7f7f, BX
	MOVQ AX, CX
	ANDQ BX, CX
	ADDQ BX, CX
	ORQ AX, CX
	ORQ BX, CX
	NOTQ CX
	ANDQ R12, CX
	// amountDigits: x (AX) is the word with the dot read as '0'; the
	// digits d are x - '0's; every byte of the field a digit but the one
	// dot, and not the dot alone.
	MOVQ CX, AX
	SHRQ $7, AX
	IMULQ $0x1e, AX
	XORQ R13, AX
	MOVQ $0x4646464646464646, BX
	ADDQ AX, BX
	ORQ AX, BX
	MOVQ numberedArgs_zeros(R15), R13
	SUBQ R13, AX
	ORQ AX, BX
	MOVQ $0x8080808080808080, R13
	ANDQ R13, BX
	ANDQ R12, BX
	LEAQ -1(CX), R13
	ANDQ CX, R13
	ORQ R13, BX
	JNE done
	MOVQ CX, R13
	SHRQ $7, R13
	IMULQ $0xff, R13
	CMPQ R13, R12
	JEQ done
	// fracDigits (R13), hasDot (BX).
	MOVQ CX, BX
	NEGQ BX
	ORQ CX, BX
	SHRQ $63, BX
	MOVQ CX, R12
	BTSQ $63, R12
	BSFQ R12, R12
	SHRQ $3, R12
	LEAQ -1(R14), R13
	SUBQ R12, R13
	MOVQ BX, R12
	NEGQ R12
	ANDQ R12, R13
	CMPQ R13, $6
	JGT done // seven decimals round: fastLine's
	// amountValue: the digits without the dot (withoutDot), moved up
	// over leading zeros, then digitsValue.
	SUBQ BX, R14
	SHRQ $7, CX
	DECQ CX
	MOVQ AX, BX
	ANDQ CX, BX
	NOTQ CX
	ANDQ CX, AX
	SHRQ $8, AX
	ORQ BX, AX
	MOVQ R14, CX
	SHLQ $3, CX
	NEGQ CX
	SHLQ CX, AX
	DIGITS_VALUE(AX, BX)
	// bulk.DecimalMicros: the micros, negated for a sign.
	LEAQ microsPer<>(SB), BX
	IMULQ (BX)(R13*8), AX
	NEGQ DX
	XORQ DX, AX
	SUBQ DX, AX
amounted:
	MOVQ AX, 8(R9)

	// Taken: the id is the last one now.
	CMPQ numberedArgs_long(R15), $0
	JNE longTaken
	MOVQ 16(R9), R11
taken:
	MOVQ DI, numberedArgs_last(R15)
	MOVQ SI, DI
	ADDQ $32, R9
	JMP loop

long:
	// A long form's id (dense_long.go): its words a (BX), its first 8
	// bytes, and b (AX), its last 8, which hold the k digits (DX) at the
	// top and, below them, the prefix's last 8-k bytes when the prefix
	// is longer than 8 (then k is at most 7); z (AX) is b with '0's
	// below the digits, u = 64-8k in CX as the shifts read it (-8k).
	CMPQ R12, $9
	JCS done
	MOVQ R12, DX
	SUBQ numberedArgs_plen(R15), DX
	LEAQ -1(DX), CX
	CMPQ CX, $8
	JCC done
	MOVQ -8(DI)(R12*1), AX
	MOVQ DX, CX
	SHLQ $3, CX
	CMPQ numberedArgs_plen(R15), $8
	JLE head
	// The prefix's tail: its last 8-k bytes (tail moved down by 8k)
	// must be b's first 8-k, all that is left once b's 8-k moves past
	// the word's top.
	MOVQ numberedArgs_tail(R15), BX
	SHRQ CX, BX
	XORQ AX, BX
	SHLQ CX, BX
	JNE done
head:
	NEGQ CX
	MOVQ (DI), BX
	SHRQ CX, AX
	SHLQ CX, AX
	JMP pad

longLine:
	// A long id's place in the data (bulk.Line.SetIDWord: from and to,
	// Short 0), and a repeat if its length and both words are the last
	// id's (b reread into DX).
	MOVQ DI, CX
	SUBQ numberedArgs_base(R15), CX
	LEAQ (CX)(R12*1), DX
	SHLQ $32, DX
	ORQ CX, DX
	MOVQ DX, 16(R9)
	MOVQ -8(DI)(R12*1), DX
	MOVQ BX, numberedArgs_curA(R15)
	MOVQ DX, numberedArgs_curB(R15)
	MOVQ R12, numberedArgs_curLen(R15)
	XORL AX, AX
	MOVQ BX, CX
	XORQ R11, CX
	XORQ numberedArgs_prevB(R15), DX
	ORQ DX, CX
	MOVQ R12, DX
	XORQ numberedArgs_prevLen(R15), DX
	ORQ DX, CX
	SETEQ AX
	SHLQ $48, AX
	ORQ numberedArgs_day(R15), AX
	MOVQ AX, 24(R9)
	JMP amount

longTaken:
	MOVQ numberedArgs_curA(R15), R11
	MOVQ numberedArgs_curB(R15), CX
	MOVQ CX, numberedArgs_prevB(R15)
	MOVQ numberedArgs_curLen(R15), CX
	MOVQ CX, numberedArgs_prevLen(R15)
	JMP taken

done:
	MOVQ DI, numberedArgs_p(R15)
	MOVQ R9, numberedArgs_o(R15)
	MOVQ R11, numberedArgs_prev(R15)
	RET
