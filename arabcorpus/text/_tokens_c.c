/* Optional accelerator of arabcorpus.text.tokenize: the list of Token tuples of a Tokens.
 *
 * make_tokens(cls, texts, starts, ends, kinds) builds, for each i,
 * tuple.__new__(cls, (texts[i], starts[i], ends[i], kinds[i])), as the pure-Python path
 * (Tokens.__iter__) does, and then takes each new tuple out of the cyclic garbage
 * collector when it holds only exact str and int objects and cls has no __dict__.
 * Such a tuple cannot be part of a reference cycle: CPython untracks plain tuples of
 * atomic items the same way (_PyTuple_MaybeUntrack), but never instances of a tuple
 * subclass, so that ten million kept Token tuples made each full collection traverse
 * them all. Nothing else changes: the tuples are of type cls, equal, with the same
 * items. The package works without this module (it is built only where a compiler is
 * found); see docs/guide/tokenize.md.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static int
atomic(PyObject *item)
{
    return PyUnicode_CheckExact(item) || PyLong_CheckExact(item);
}

/* One instance of cls over items[0..3] (borrowed), or NULL. The items are owned before
   tp_alloc, which may run a collection and so Python code. */
static PyObject *
make_one(PyTypeObject *cls, int may_untrack, PyObject **items)
{
    for (int j = 0; j < 4; j++) {
        Py_INCREF(items[j]);
    }
    PyObject *tok = cls->tp_alloc(cls, 4);
    if (tok == NULL) {
        for (int j = 0; j < 4; j++) {
            Py_DECREF(items[j]);
        }
        return NULL;
    }
    int untrack = may_untrack;
    for (int j = 0; j < 4; j++) {
        PyTuple_SET_ITEM(tok, j, items[j]);  /* steals the reference */
        untrack = untrack && atomic(items[j]);
    }
    if (untrack && PyObject_GC_IsTracked(tok)) {
        PyObject_GC_UnTrack(tok);
    }
    return tok;
}

static PyObject *
make_tokens(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 5) {
        PyErr_Format(PyExc_TypeError,
                     "make_tokens() takes 5 arguments (%zd given)", nargs);
        return NULL;
    }
    PyObject *cls_obj = args[0];
    if (!PyType_Check(cls_obj)
            || !PyType_IsSubtype((PyTypeObject *)cls_obj, &PyTuple_Type)
            || (PyTypeObject *)cls_obj == &PyTuple_Type) {
        PyErr_SetString(PyExc_TypeError,
                        "make_tokens(): cls must be a proper subclass of tuple");
        return NULL;
    }
    PyTypeObject *cls = (PyTypeObject *)cls_obj;
    /* Untrack only instances without a __dict__ (and with the tuple's own layout),
       whose only references are their four items. */
    int may_untrack = cls->tp_dictoffset == 0
                      && cls->tp_basicsize == PyTuple_Type.tp_basicsize
                      && cls->tp_itemsize == PyTuple_Type.tp_itemsize;

    PyObject *cols[4] = {NULL, NULL, NULL, NULL};
    PyObject *result = NULL;
    Py_ssize_t n = -1;
    for (int j = 0; j < 4; j++) {
        cols[j] = PySequence_Fast(args[1 + j], "make_tokens(): columns must be sequences");
        if (cols[j] == NULL) {
            goto done;
        }
        Py_ssize_t len = PySequence_Fast_GET_SIZE(cols[j]);
        if (n >= 0 && len != n) {
            PyErr_SetString(PyExc_ValueError,
                            "make_tokens(): columns of different lengths");
            goto done;
        }
        n = len;
    }
    result = PyList_New(n);
    if (result == NULL) {
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        /* The columns are read again at each token: they are the caller's lists. */
        PyObject *items[4];
        for (int j = 0; j < 4; j++) {
            if (i >= PySequence_Fast_GET_SIZE(cols[j])) {
                PyErr_SetString(PyExc_RuntimeError,
                                "make_tokens(): a column changed size");
                Py_CLEAR(result);
                goto done;
            }
            items[j] = PySequence_Fast_GET_ITEM(cols[j], i);
        }
        PyObject *tok = make_one(cls, may_untrack, items);
        if (tok == NULL) {
            Py_CLEAR(result);  /* the unset slots are NULL: list_dealloc skips them */
            goto done;
        }
        PyList_SET_ITEM(result, i, tok);
    }
done:
    for (int j = 0; j < 4; j++) {
        Py_XDECREF(cols[j]);
    }
    return result;
}

static PyMethodDef methods[] = {
    {"make_tokens", (PyCFunction)(void (*)(void))make_tokens, METH_FASTCALL,
     "make_tokens(cls, texts, starts, ends, kinds) -> list\n\n"
     "[tuple.__new__(cls, row) for row in zip(texts, starts, ends, kinds)], each tuple\n"
     "of only str and int items untracked by the garbage collector."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    "arabcorpus.text._tokens_c",
    "Optional C accelerator of arabcorpus.text.tokenize (the Token tuples of a Tokens).",
    0,
    methods,
};

PyMODINIT_FUNC
PyInit__tokens_c(void)
{
    return PyModule_Create(&module);
}
