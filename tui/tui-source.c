/* tui-source.c: windows onto the sources embedded in evsim, for the code columns. */

/*
 * The build embeds every scenario and algorithm file (tools/gen-sources), by
 * the name its call sites carry in __FILE__; source_find gives the text.
 * A window is cut from the function that holds the line: its signature
 * line (a line that starts in column 0 with a name and has a parenthesis)
 * down to the closing brace in column 0, which is how every file here is
 * written.  When the function is longer than the window, comments of more
 * than one line are folded to their first line, and if that is not enough
 * they go, then blank lines go, then the window slides to keep the line in its upper third, so that what comes
 * next stays in view (a caller's line is kept in the middle instead, with
 * its condition above it).  Line tables are built once per file and kept.
 */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "registry.h"

struct tui_source_file {
    const char *path;
    const char **line;                  /* start of each line; [0] unused */
    int *len;                           /* its bytes, without the newline */
    int nlines;
};

static struct tui_source_file *tui_source_files;
static int tui_source_nfiles;

static void *tui_source_xalloc(void *p, size_t n)
{
    void *q = realloc(p, n);

    if (q == NULL) {
        fprintf(stderr, "evsim tui: out of memory\n");
        exit(2);
    }
    return q;
}

static const struct tui_source_file *tui_source_get(const char *path)
{
    struct tui_source_file *f;
    const char *text, *p;
    int i, n;

    for (i = 0; i < tui_source_nfiles; i++)
        if (strcmp(tui_source_files[i].path, path) == 0)
            return &tui_source_files[i];
    text = source_find(path);
    if (text == NULL)
        return NULL;
    tui_source_files = tui_source_xalloc(
        tui_source_files, (size_t)(tui_source_nfiles + 1) * sizeof *f);
    f = &tui_source_files[tui_source_nfiles++];
    f->path = path;
    for (n = 0, p = text; *p; p++)
        if (*p == '\n')
            n++;
    n++;                                /* a last line without a newline */
    f->line = tui_source_xalloc(NULL, (size_t)(n + 1) * sizeof *f->line);
    f->len = tui_source_xalloc(NULL, (size_t)(n + 1) * sizeof *f->len);
    f->nlines = 0;
    for (p = text; *p;) {
        const char *nl = strchr(p, '\n');
        int len = nl ? (int)(nl - p) : (int)strlen(p);

        f->nlines++;
        f->line[f->nlines] = p;
        f->len[f->nlines] = len;
        p += len + (nl ? 1 : 0);
    }
    return f;
}

void tui_source_free(void)
{
    int i;

    for (i = 0; i < tui_source_nfiles; i++) {
        free(tui_source_files[i].line);
        free(tui_source_files[i].len);
    }
    free(tui_source_files);
    tui_source_files = NULL;
    tui_source_nfiles = 0;
}

static int tui_source_is_head(const char *s, int len)
{
    int i, paren = 0;

    if (len == 0 || !((s[0] >= 'a' && s[0] <= 'z') ||
                      (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_'))
        return 0;
    for (i = 0; i < len; i++)
        if (s[i] == '(')
            paren = 1;
    return paren && s[len - 1] != ';';
}

/* The name before the first parenthesis of a signature line. */
static void tui_source_fn_name(const char *s, int len, char *fn, size_t n)
{
    int open = 0, end, start;

    while (open < len && s[open] != '(')
        open++;
    end = open;
    while (end > 0 && s[end - 1] == ' ')
        end--;
    start = end;
    while (start > 0 && (s[start - 1] == '_' ||
                         (s[start - 1] >= 'a' && s[start - 1] <= 'z') ||
                         (s[start - 1] >= 'A' && s[start - 1] <= 'Z') ||
                         (s[start - 1] >= '0' && s[start - 1] <= '9')))
        start--;
    snprintf(fn, n, "%.*s", end - start, s + start);
}

static int tui_source_blank(const char *s, int len)
{
    int i;

    for (i = 0; i < len; i++)
        if (s[i] != ' ')
            return 0;
    return 1;
}

/* "/ *" opening a comment that does not close on its line. */
static int tui_source_opens_comment(const char *s, int len)
{
    int i = 0, j;

    while (i < len && s[i] == ' ')
        i++;
    if (i + 1 >= len || s[i] != '/' || s[i + 1] != '*')
        return 0;
    for (j = i + 2; j + 1 < len; j++)
        if (s[j] == '*' && s[j + 1] == '/')
            return 0;
    return 1;
}

static int tui_source_closes_comment(const char *s, int len)
{
    int j;

    for (j = 0; j + 1 < len; j++)
        if (s[j] == '*' && s[j + 1] == '/')
            return 1;
    return 0;
}

int tui_source_window(const char *path, int line, int rows, int middle,
                      struct tui_src_line *out, int *hl, int *indent,
                      char *fn, size_t fnlen)
{
    const struct tui_source_file *f = path ? tui_source_get(path) : NULL;
    struct tui_src_line *all;
    int head = 0, tail, i, n = 0, k, start, at = -1;

    *hl = -1;
    *indent = 0;
    fn[0] = '\0';
    if (f == NULL || rows <= 0 || line < 1 || line > f->nlines)
        return 0;
    if (rows > TUI_SRC_MAX)
        rows = TUI_SRC_MAX;
    for (i = line; i >= 1; i--) {
        if (i < line && f->len[i] > 0 && f->line[i][0] == '}')
            break;                      /* the end of the function before */
        if (tui_source_is_head(f->line[i], f->len[i])) {
            head = i;
            break;
        }
    }
    if (head > 0) {
        tui_source_fn_name(f->line[head], f->len[head], fn, fnlen);
        for (tail = line; tail < f->nlines; tail++)
            if (f->len[tail] > 0 && f->line[tail][0] == '}')
                break;
    } else {
        head = line - rows / 2 > 1 ? line - rows / 2 : 1;
        tail = head + rows - 1 < f->nlines ? head + rows - 1 : f->nlines;
    }
    all = tui_source_xalloc(NULL, (size_t)(tail - head + 1) * sizeof *all);
    for (i = head; i <= tail; i++) {
        all[n].text = f->line[i];
        all[n].len = f->len[i];
        all[n].lineno = i;
        all[n].folded = 0;
        n++;
    }
    if (n > rows) {                     /* fold comments */
        for (i = 0, k = 0; i < n; k++) {
            int j = i;

            if (tui_source_opens_comment(all[i].text, all[i].len)) {
                while (j + 1 < n && !tui_source_closes_comment(all[j].text,
                                                               all[j].len))
                    j++;
            }
            all[k] = all[i];
            all[k].folded = j > i ? j - i + 1 : 0;
            i = j + 1;
        }
        n = k;
    }
    if (n > rows) {                     /* drop the folded comments */
        for (i = 0, k = 0; i < n; i++)
            if (!all[i].folded)
                all[k++] = all[i];
        n = k;
    }
    if (n > rows) {                     /* drop blank lines */
        for (i = 0, k = 0; i < n; i++)
            if (!tui_source_blank(all[i].text, all[i].len))
                all[k++] = all[i];
        n = k;
    }
    for (i = 0; i < n; i++)
        if (all[i].lineno <= line &&
            line < all[i].lineno + (all[i].folded ? all[i].folded : 1))
            at = i;
    start = 0;
    if (n > rows) {
        int above = middle ? (rows - 1) / 2 : rows / 3 > 1 ? rows / 3 : 1;

        start = at >= 0 ? at - above : 0;
        if (start > n - rows)
            start = n - rows;
        if (start < 0)
            start = 0;
        n = start + rows;
    }
    *indent = 1 << 20;
    for (i = start; i < n; i++) {
        int sp = 0;

        while (sp < all[i].len && all[i].text[sp] == ' ')
            sp++;
        /* Lines of a lone brace do not count: they are drawn flush left
         * when they are less indented. */
        if (sp < all[i].len && sp < *indent &&
            !(all[i].len == sp + 1 && (all[i].text[sp] == '{' ||
                                       all[i].text[sp] == '}')))
            *indent = sp;
        out[i - start] = all[i];
    }
    if (*indent == 1 << 20)
        *indent = 0;
    *hl = at >= start && at < n ? at - start : -1;
    free(all);
    return n - start;
}
