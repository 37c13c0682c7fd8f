#ifndef KG_CGRAPHVIZ_SHIM_H
#define KG_CGRAPHVIZ_SHIM_H
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>

/* Swift cannot import the Agdesc_t globals as constants, and cgraph takes `char *` where it
   only reads: these wrappers give Swift const-correct entry points. */

static inline Agraph_t *kg_agopen(const char *name, int directed) {
    return agopen((char *)name, directed ? Agdirected : Agundirected, NULL);
}

static inline Agraph_t *kg_agsubg(Agraph_t *g, const char *name) {
    return agsubg(g, (char *)name, 1);
}

static inline Agnode_t *kg_agnode(Agraph_t *g, const char *name) {
    return agnode(g, (char *)name, 1);
}

static inline Agedge_t *kg_agedge(Agraph_t *g, Agnode_t *tail, Agnode_t *head) {
    return agedge(g, tail, head, NULL, 1);
}

static inline int kg_agset(void *object, const char *name, const char *value) {
    return agsafeset(object, (char *)name, (char *)value, (char *)"");
}

/* Sets an attribute to an HTML-like value (`<…>` in DOT), which Graphviz does not
   backslash-unescape. */
static inline int kg_agset_html(void *object, const char *name, const char *html) {
    Agraph_t *g = agraphof(object);
    char *value = agstrdup_html(g, (char *)html);
    int result = agsafeset(object, (char *)name, value, (char *)"");
    agstrfree(g, value);
    return result;
}

/* Graph-wide default for an attribute kind (AGRAPH, AGNODE, AGEDGE). */
static inline void kg_agdefault(Agraph_t *g, int kind, const char *name, const char *value) {
    agattr(g, kind, (char *)name, (char *)value);
}

static inline int kg_kind_graph(void) { return AGRAPH; }
static inline int kg_kind_node(void) { return AGNODE; }
static inline int kg_kind_edge(void) { return AGEDGE; }

static inline Agnode_t *kg_agsubnode(Agraph_t *g, Agnode_t *n) {
    return agsubnode(g, n, 1);
}

/* Parses DOT text (used by tests to check kg's DOT output). */
static inline Agraph_t *kg_agmemread(const char *text) {
    return agmemread(text);
}
#endif
