/* ctx-x86_64.S: context switch and first entry for x86-64 (System V ABI). */
#if defined(__x86_64__)
        .text

/* void ctx_switch(void **save, void *to)
 * Callee-saved: rbx rbp r12-r15; the return address is already on the
 * stack.  The x87 control word and MXCSR are not changed by evsim's code and
 * are not switched. */
        .globl  ctx_switch
        .type   ctx_switch, @function
ctx_switch:
        .cfi_startproc
        pushq   %rbp
        pushq   %rbx
        pushq   %r12
        pushq   %r13
        pushq   %r14
        pushq   %r15
        movq    %rsp, (%rdi)
        movq    %rsi, %rsp
        popq    %r15
        popq    %r14
        popq    %r13
        popq    %r12
        popq    %rbx
        popq    %rbp
        ret
        .cfi_endproc
        .size   ctx_switch, .-ctx_switch

/* First entry: ctx_make leaves entry in r12 and its argument in r13. */
        .globl  ctx_trampoline
        .type   ctx_trampoline, @function
ctx_trampoline:
        .cfi_startproc
        .cfi_undefined rip
        movq    %r13, %rdi
        callq   *%r12
        ud2                     /* entry must not return */
        .cfi_endproc
        .size   ctx_trampoline, .-ctx_trampoline

#endif

#if defined(__linux__) && defined(__ELF__)
        .section .note.GNU-stack,"",@progbits
#endif
