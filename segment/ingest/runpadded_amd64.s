#include "textflag.h"
#include "go_asm.h"

// The padded run (see runpadded.go): run.lines' loop for the lines whose
// id has the padded form, step for step as the Go loop takes them; any
// line it would not take, or would take otherwise, ends the loop there.
//
// Registers kept from line to line:
//   R15 the paddedArgs      DI the line's start    R8 the last start
//   R9  the line's place    R10 the end of out     R11 the last id's word
//   X14 ',' in every byte   X15 zero               SI the next line's start

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

// func runPaddedLines(a *paddedArgs)
TEXT ·runPaddedLines(SB), NOSPLIT, $0-8
	MOVQ a+0(FP), R15
	MOVQ paddedArgs_p(R15), DI
	MOVQ paddedArgs_limit(R15), R8
	MOVQ paddedArgs_o(R15), R9
	MOVQ paddedArgs_oEnd(R15), R10
	MOVQ paddedArgs_prev(R15), R11
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
	// each. The id ends at the first, the date at the second, the line
	// at the third; fewer than three: a longer line.
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
	BSFQ AX, R12 // the id's end
	JEQ done
	CMPQ R12, paddedArgs_n(R15)
	JNE done
	CMPB (DI)(R12*1), $0x2c
	JNE done
	LEAQ -1(AX), BX
	ANDQ BX, AX
	BSFQ AX, R13 // the date's end
	JEQ done
	CMPB (DI)(R13*1), $0x2c
	JNE done
	LEAQ -1(AX), BX
	ANDQ BX, AX
	BSFQ AX, R14 // the line's end
	JEQ done
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
	CMPQ BX, paddedArgs_dateLen(R15)
	JNE done
	MOVQ 1(DI)(R12*1), BX
	CMPQ BX, paddedArgs_dateLo(R15)
	JNE done
	MOVQ -8(DI)(R13*1), BX
	CMPQ BX, paddedArgs_dateHi(R15)
	JNE done

	// The amount: a sign (DX), then n (R14) of up to 8 bytes, read as a
	// word (R13), as the Go loop does (fastline.go's helpers).
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
	MOVQ $0x3030303030303030, R13
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
	IMULQ $2561, AX
	SHRQ $8, AX
	MOVQ $0x00ff00ff00ff00ff, BX
	ANDQ BX, AX
	IMULQ $6553601, AX
	SHRQ $16, AX
	MOVQ $0x0000ffff0000ffff, BX
	ANDQ BX, AX
	MOVQ $42949672960001, BX
	IMULQ BX, AX
	SHRQ $32, AX
	// bulk.DecimalMicros: the micros (AX), negated for a sign.
	LEAQ microsPer<>(SB), BX
	IMULQ (BX)(R13*8), AX
	NEGQ DX
	XORQ DX, AX
	SUBQ DX, AX

	// The id's word (BX) and its dense hash (R12), as bulk.Padded.Hash:
	// z (R12) the digits moved up, '0's below; any bit of off (R13)
	// says the id is not of the form, or its number past DenseLimit.
	MOVQ (DI), BX
	ANDQ paddedArgs_idMask(R15), BX
	MOVQ BX, R12
	MOVQ paddedArgs_at(R15), CX
	SHRQ CX, R12
	MOVQ paddedArgs_up(R15), CX
	SHLQ CX, R12
	ORQ paddedArgs_pad(R15), R12
	MOVQ $0xf0f0f0f0f0f0f0f0, R14
	MOVQ $0x0606060606060606, R13
	ADDQ R12, R13
	ANDQ R14, R13
	SHRQ $4, R13
	ANDQ R12, R14
	ORQ R14, R13
	MOVQ $0x3333333333333333, R14
	XORQ R14, R13
	MOVQ BX, R14
	ANDQ paddedArgs_mask(R15), R14
	XORQ paddedArgs_prefix(R15), R14
	ORQ R14, R13
	// digitsValue (bulk's): the number, units in z's top byte.
	MOVQ $0x3030303030303030, R14
	SUBQ R14, R12
	LEAQ (R12)(R12*4), R14
	ADDQ R14, R14
	SHRQ $8, R12
	ADDQ R14, R12
	MOVQ $0x000000ff000000ff, R14
	MOVQ R12, CX
	ANDQ R14, CX
	MOVQ $0x000f424000000064, DX // 100 + 1000000<<32
	IMULQ DX, CX
	SHRQ $16, R12
	ANDQ R14, R12
	MOVQ $0x0000271000000001, DX // 1 + 10000<<32
	IMULQ DX, R12
	ADDQ CX, R12
	SHRQ $32, R12
	MOVQ R12, CX
	SHRQ $22, CX // bulk.DenseLimit
	ORQ CX, R13
	JNE done
	// hashOfNumber: the low 2 bits on top, DenseMark, the others.
	MOVQ R12, CX
	SHLQ $62, CX
	SHRQ $2, R12
	ORQ CX, R12
	BTSQ $32, R12

	// The line: a repeat if its id is the last one's.
	XORL CX, CX
	CMPQ BX, R11
	SETEQ CX
	MOVQ BX, R11
	SHLQ $48, CX
	ORQ paddedArgs_tail(R15), CX
	MOVQ R12, 0(R9)
	MOVQ AX, 8(R9)
	MOVQ BX, 16(R9)
	MOVQ CX, 24(R9)
	MOVQ DI, paddedArgs_last(R15)
	MOVQ SI, DI
	ADDQ $32, R9
	JMP loop

done:
	MOVQ DI, paddedArgs_p(R15)
	MOVQ R9, paddedArgs_o(R15)
	MOVQ R11, paddedArgs_prev(R15)
	RET
