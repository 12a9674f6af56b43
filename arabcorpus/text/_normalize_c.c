/* Optional accelerator of arabcorpus.text.normalize: a Normalizer's lookup table
 * applied to whole texts in C.
 *
 * map_text(table, text, collapse) -> str or None
 * map_texts(table, texts, collapse) -> list of (str or None)
 *
 * table is the Normalizer's lookup table over the Basic Multilingual Plane as 65,536
 * native uint16 values (bytes): what each character becomes after all its
 * character-local rules, 0xFFFE for a deleted character and 0xFFFF for a "complex" one
 * (a combining hamza or madda, a ligature, a lone surrogate, U+FFFE/U+FFFF). Each
 * character of a text is looked up; deleted ones are dropped; with collapse, a space
 * (U+0020) directly after another kept space is dropped, so runs of spaces become one
 * after the deletions, as the NumPy path does. Characters beyond the BMP are kept as
 * they are. A text holding a complex character gives None: the caller normalizes it
 * with the pure-Python path, which handles the rules that look at neighbours. A text
 * that nothing changes is returned as it is.
 *
 * map_texts looks up every text's characters without the GIL (the texts are held by a
 * private tuple meanwhile), so that threads normalizing batches run on all cores; the
 * GIL is held only to read the texts' layout and to make the result strings.
 *
 * The package works without this module, with the same results (it is built only where
 * a compiler is found); see docs/guide/normalize.md.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#define TABLE_SIZE 65536
#define DELETED 0xFFFEu
#define COMPLEX 0xFFFFu
#define SPACE 0x20u
/* below this many characters in all, the GIL is kept (releasing it costs more) */
#define NOGIL_CHARS 4096

typedef struct {
    PyObject *text;        /* borrowed: held by the caller or the private tuple */
    int kind;              /* PyUnicode kind of the input */
    const void *data;
    Py_ssize_t len;
    size_t out_offset;     /* byte offset of the output in the shared buffer */
    Py_ssize_t out_len;    /* characters written; -1: holds a complex character */
    Py_UCS4 maxchar;       /* of the output */
    int changed;           /* the output differs from the input */
} item_t;

/* Width in bytes of an item's output: 2 (values from the table) unless the input
   may hold characters beyond the BMP, which are copied. */
static int
out_width(int kind)
{
    return kind == PyUnicode_4BYTE_KIND ? 4 : 2;
}

#define MAP_LOOP(IN_T, OUT_T, ASTRAL)                                          \
    do {                                                                       \
        const IN_T *in = (const IN_T *)it->data;                               \
        OUT_T *out = (OUT_T *)(buf + it->out_offset);                          \
        for (Py_ssize_t i = 0; i < n; i++) {                                   \
            Py_UCS4 c = in[i];                                                 \
            Py_UCS4 v;                                                         \
            if (ASTRAL && c > 0xFFFF) {                                        \
                v = c;                                                         \
            }                                                                  \
            else {                                                             \
                v = table[c];                                                  \
                if (v >= DELETED) {                                            \
                    if (v == COMPLEX) {                                        \
                        it->out_len = -1;                                      \
                        return;                                                \
                    }                                                          \
                    changed = 1;                                               \
                    continue;                                                  \
                }                                                              \
            }                                                                  \
            if (v == SPACE && last == SPACE && collapse) {                     \
                changed = 1;                                                   \
                continue;                                                      \
            }                                                                  \
            changed |= (v != c);                                               \
            out[j++] = (OUT_T)v;                                               \
            last = v;                                                          \
            if (v > maxchar) {                                                 \
                maxchar = v;                                                   \
            }                                                                  \
        }                                                                      \
    } while (0)

/* Look up one text's characters into buf (no Python API: runs without the GIL). */
static void
map_item(const uint16_t *table, item_t *it, char *buf, int collapse)
{
    Py_ssize_t n = it->len, j = 0;
    Py_UCS4 last = 0, maxchar = 0;
    int changed = 0;
    switch (it->kind) {
    case PyUnicode_1BYTE_KIND:
        MAP_LOOP(Py_UCS1, uint16_t, 0);
        break;
    case PyUnicode_2BYTE_KIND:
        MAP_LOOP(Py_UCS2, uint16_t, 0);
        break;
    default:
        MAP_LOOP(Py_UCS4, Py_UCS4, 1);
        break;
    }
    it->out_len = j;
    it->maxchar = maxchar;
    it->changed = changed || j != n;
}

/* The result of one mapped item: a new reference to a str, None, or NULL. */
static PyObject *
result_of(const item_t *it, const char *buf)
{
    if (it->out_len < 0) {
        Py_RETURN_NONE;
    }
    if (!it->changed && PyUnicode_CheckExact(it->text)) {
        Py_INCREF(it->text);
        return it->text;
    }
    Py_ssize_t n = it->out_len;
    PyObject *s = PyUnicode_New(n, it->maxchar);
    if (s == NULL) {
        return NULL;
    }
    int kind = PyUnicode_KIND(s);
    void *dst = PyUnicode_DATA(s);
    const void *src = buf + it->out_offset;
    if (out_width(it->kind) == 2) {
        const uint16_t *from = (const uint16_t *)src;
        if (kind == PyUnicode_2BYTE_KIND) {
            memcpy(dst, from, (size_t)n * 2);
        }
        else {  /* every value below 256 */
            Py_UCS1 *to = (Py_UCS1 *)dst;
            for (Py_ssize_t i = 0; i < n; i++) {
                to[i] = (Py_UCS1)from[i];
            }
        }
    }
    else {
        const Py_UCS4 *from = (const Py_UCS4 *)src;
        if (kind == PyUnicode_4BYTE_KIND) {
            memcpy(dst, from, (size_t)n * 4);
        }
        else if (kind == PyUnicode_2BYTE_KIND) {
            Py_UCS2 *to = (Py_UCS2 *)dst;
            for (Py_ssize_t i = 0; i < n; i++) {
                to[i] = (Py_UCS2)from[i];
            }
        }
        else {
            Py_UCS1 *to = (Py_UCS1 *)dst;
            for (Py_ssize_t i = 0; i < n; i++) {
                to[i] = (Py_UCS1)from[i];
            }
        }
    }
    return s;
}

/* The table (args[0]) and collapse (args[2]) of a call (table, text(s), collapse);
   -1 with an exception set. */
static int
parse_args(const char *name, PyObject *const *args, Py_ssize_t nargs,
           const uint16_t **table, int *collapse)
{
    if (nargs != 3) {
        PyErr_Format(PyExc_TypeError, "%s() takes 3 arguments (%zd given)", name, nargs);
        return -1;
    }
    if (!PyBytes_Check(args[0]) || PyBytes_GET_SIZE(args[0]) != 2 * TABLE_SIZE) {
        PyErr_Format(PyExc_ValueError,
                     "table must be bytes of %d uint16 values", TABLE_SIZE);
        return -1;
    }
    *table = (const uint16_t *)PyBytes_AS_STRING(args[0]);
    *collapse = PyObject_IsTrue(args[2]);
    return *collapse < 0 ? -1 : 0;
}

/* Read a str's layout into it; -1 with TypeError if text is not a str. */
static int
read_item(PyObject *text, item_t *it, Py_ssize_t position)
{
    if (!PyUnicode_Check(text)) {
        if (position < 0) {
            PyErr_Format(PyExc_TypeError, "text must be a str, not %.100s",
                         Py_TYPE(text)->tp_name);
        }
        else {
            PyErr_Format(PyExc_TypeError, "texts[%zd] must be a str, not %.100s",
                         position, Py_TYPE(text)->tp_name);
        }
        return -1;
    }
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(text) < 0) {
        return -1;
    }
#endif
    it->text = text;
    it->kind = PyUnicode_KIND(text);
    it->data = PyUnicode_DATA(text);
    it->len = PyUnicode_GET_LENGTH(text);
    return 0;
}

static PyObject *
map_text(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    const uint16_t *table;
    int collapse;
    if (parse_args("map_text", args, nargs, &table, &collapse) < 0) {
        return NULL;
    }
    item_t it;
    if (read_item(args[1], &it, -1) < 0) {
        return NULL;
    }
    it.out_offset = 0;
    char *buf = PyMem_Malloc(it.len ? (size_t)it.len * out_width(it.kind) : 1);
    if (buf == NULL) {
        return PyErr_NoMemory();
    }
    if (it.len >= NOGIL_CHARS) {  /* the caller holds a reference to the text */
        Py_BEGIN_ALLOW_THREADS
        map_item(table, &it, buf, collapse);
        Py_END_ALLOW_THREADS
    }
    else {
        map_item(table, &it, buf, collapse);
    }
    PyObject *result = result_of(&it, buf);
    PyMem_Free(buf);
    return result;
}

static PyObject *
map_texts(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    const uint16_t *table;
    int collapse;
    if (parse_args("map_texts", args, nargs, &table, &collapse) < 0) {
        return NULL;
    }
    /* a private tuple keeps every text alive while the GIL is released */
    PyObject *held = PySequence_Tuple(args[1]);
    if (held == NULL) {
        return NULL;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(held);
    PyObject *result = NULL;
    char *buf = NULL;
    item_t *items = PyMem_Malloc(n ? (size_t)n * sizeof(item_t) : 1);
    if (items == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    size_t total = 0, chars = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        if (read_item(PyTuple_GET_ITEM(held, k), &items[k], k) < 0) {
            goto done;
        }
        size_t bytes = (size_t)items[k].len * out_width(items[k].kind);
        total = (total + 3) & ~(size_t)3;  /* aligned for 4-byte output */
        items[k].out_offset = total;
        if (total > PY_SSIZE_T_MAX - bytes) {
            PyErr_NoMemory();
            goto done;
        }
        total += bytes;
        chars += (size_t)items[k].len;
    }
    buf = PyMem_Malloc(total ? total : 1);
    if (buf == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (chars >= NOGIL_CHARS) {
        Py_BEGIN_ALLOW_THREADS
        for (Py_ssize_t k = 0; k < n; k++) {
            map_item(table, &items[k], buf, collapse);
        }
        Py_END_ALLOW_THREADS
    }
    else {
        for (Py_ssize_t k = 0; k < n; k++) {
            map_item(table, &items[k], buf, collapse);
        }
    }
    result = PyList_New(n);
    if (result == NULL) {
        goto done;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *s = result_of(&items[k], buf);
        if (s == NULL) {
            Py_CLEAR(result);  /* the unset slots are NULL: list_dealloc skips them */
            goto done;
        }
        PyList_SET_ITEM(result, k, s);
    }
done:
    PyMem_Free(buf);
    PyMem_Free(items);
    Py_DECREF(held);
    return result;
}

static PyMethodDef methods[] = {
    {"map_text", (PyCFunction)(void (*)(void))map_text, METH_FASTCALL,
     "map_text(table, text, collapse) -> str or None\n\n"
     "text looked up in table (65,536 uint16: 0xFFFE deletes, 0xFFFF is complex),\n"
     "with runs of spaces collapsed if collapse; None if text holds a complex\n"
     "character."},
    {"map_texts", (PyCFunction)(void (*)(void))map_texts, METH_FASTCALL,
     "map_texts(table, texts, collapse) -> list\n\n"
     "[map_text(table, t, collapse) for t in texts], the look-ups run without the GIL."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    "arabcorpus.text._normalize_c",
    "Optional C accelerator of arabcorpus.text.normalize (a Normalizer's lookup table "
    "applied to texts).",
    0,
    methods,
};

PyMODINIT_FUNC
PyInit__normalize_c(void)
{
    return PyModule_Create(&module);
}
