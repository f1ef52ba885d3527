/* pd-test-util.h: helpers shared by the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *pd_test_make_tmpdir (const char *template_name);
void  pd_test_rm_rf       (const char *path);
char *pd_test_srcpath     (const char *first_element,
                           ...) G_GNUC_NULL_TERMINATED;

/* For the benchmarks: the median of @n values (left in their order), and a clock. */
double pd_test_median     (const double *values,
                           guint         n);
double pd_test_now_ms     (void);
void   pd_test_spin       (guint         ms);

/* A notification server (org.freedesktop.Notifications) on the test's session bus that
 * keeps the title and body of every notification it gets, as "title\nbody". */
typedef struct _PdTestNotifications PdTestNotifications;

PdTestNotifications *pd_test_notifications_new   (void);
GPtrArray           *pd_test_notifications_get   (PdTestNotifications *self);
void                 pd_test_notifications_free  (PdTestNotifications *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdTestNotifications, pd_test_notifications_free)

G_END_DECLS
