/* unit.h: a tiny unit-test framework: checks that say where they failed. */
#ifndef EVSIM_UNIT_H
#define EVSIM_UNIT_H

/*
 * A test file includes this header, defines its tests with UNIT_TEST and
 * writes no main(): the header's main runs every test in the order they
 * appear in the file, then prints the summary line
 *
 *     N passed, M failed
 *
 * alone on stdout, where N and M count checks (CHECK, CHECK_EQ_U64,
 * CHECK_STR), and exits 1 if any check failed, else 0.
 *
 *     UNIT_TEST(statetab_same_bytes_same_id)
 *     {
 *         ...
 *         CHECK(id != STATETAB_NONE);
 *         CHECK_EQ_U64(statetab_find(&t, "a", 1), 0);
 *     }
 *
 * A failed check prints "FILE:LINE: in TEST: EXPRESSION" (with both values
 * for the _EQ forms) to stdout and the test goes on: a test that cannot go
 * on after a failure tests the check's value, which is the condition:
 *
 *     if (!CHECK(p != NULL))
 *         return;
 *
 * UNIT_ONLY=NAME in the environment runs only the test called NAME.
 *
 * Registration runs from constructors, before main; the line each test was
 * defined on sorts them, so the order does not depend on the linker.
 * Everything here is static: each test program is one translation unit.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UNIT_MAX_TESTS 256

struct unit_test {
    const char *name;           /* the function's name */
    void (*fn)(void);
    int line;                   /* where it is defined: the running order */
};

static struct unit_test unit_tests[UNIT_MAX_TESTS];
static int unit_ntests;
static unsigned long unit_passed, unit_failed;
static const char *unit_current = "(none)"; /* the test running now */

__attribute__((unused)) static void unit_register(const char *name,
                                                  void (*fn)(void), int line)
{
    if (unit_ntests == UNIT_MAX_TESTS) {
        fprintf(stderr, "unit: more than %d tests in one file\n",
                UNIT_MAX_TESTS);
        exit(1);
    }
    unit_tests[unit_ntests].name = name;
    unit_tests[unit_ntests].fn = fn;
    unit_tests[unit_ntests].line = line;
    unit_ntests++;
}

/* Define a test: a static function registered before main runs. */
#define UNIT_TEST(name)                                                     \
    static void name(void);                                                 \
    __attribute__((constructor)) static void unit_register_##name(void)    \
    {                                                                       \
        unit_register(#name, name, __LINE__);                               \
    }                                                                       \
    static void name(void)

/* Record one check's result; returns ok so that callers may branch on it. */
__attribute__((unused)) static int unit_record(int ok, const char *file,
                                               int line, const char *what)
{
    if (ok) {
        unit_passed++;
        return 1;
    }
    unit_failed++;
    printf("%s:%d: in %s: check failed: %s\n", file, line, unit_current,
           what);
    fflush(stdout);
    return 0;
}

__attribute__((unused)) static int unit_eq_u64(uint64_t got, uint64_t want,
                                               const char *file, int line,
                                               const char *egot,
                                               const char *ewant)
{
    if (got == want)
        return unit_record(1, file, line, NULL);
    unit_failed++;
    printf("%s:%d: in %s: check failed: %s == %s (got %" PRIu64 " = 0x%"
           PRIx64 ", want %" PRIu64 " = 0x%" PRIx64 ")\n", file, line,
           unit_current, egot, ewant, got, got, want, want);
    fflush(stdout);
    return 0;
}

__attribute__((unused)) static int unit_eq_str(const char *got,
                                               const char *want,
                                               const char *file, int line,
                                               const char *egot,
                                               const char *ewant)
{
    if (got != NULL && want != NULL && strcmp(got, want) == 0)
        return unit_record(1, file, line, NULL);
    unit_failed++;
    printf("%s:%d: in %s: check failed: %s equals %s (got \"%s\", want "
           "\"%s\")\n", file, line, unit_current, egot, ewant,
           got ? got : "(null)", want ? want : "(null)");
    fflush(stdout);
    return 0;
}

/* cond is true. */
#define CHECK(cond) unit_record(!!(cond), __FILE__, __LINE__, #cond)
/* Two integers are equal (compared as uint64_t; both printed on failure). */
#define CHECK_EQ_U64(got, want)                                             \
    unit_eq_u64((uint64_t)(got), (uint64_t)(want), __FILE__, __LINE__,      \
                #got, #want)
/* Two strings are equal (NULL equals nothing). */
#define CHECK_STR(got, want)                                                \
    unit_eq_str((got), (want), __FILE__, __LINE__, #got, #want)

static int unit_by_line(const void *a, const void *b)
{
    const struct unit_test *x = a, *y = b;

    return (x->line > y->line) - (x->line < y->line);
}

int main(void)
{
    const char *only = getenv("UNIT_ONLY");
    int i;

    qsort(unit_tests, (size_t)unit_ntests, sizeof unit_tests[0],
          unit_by_line);
    for (i = 0; i < unit_ntests; i++) {
        unsigned long failed = unit_failed;

        if (only != NULL && strcmp(only, unit_tests[i].name) != 0)
            continue;
        unit_current = unit_tests[i].name;
        unit_tests[i].fn();
        printf("%-4s %s\n", unit_failed == failed ? "ok" : "FAIL",
               unit_tests[i].name);
        fflush(stdout);
    }
    unit_current = "(none)";
    if (unit_ntests == 0)
        unit_record(0, __FILE__, __LINE__, "the file defines no UNIT_TEST");
    printf("%lu passed, %lu failed\n", unit_passed, unit_failed);
    return unit_failed != 0;
}

#endif /* EVSIM_UNIT_H */
