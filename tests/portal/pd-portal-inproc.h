/* pd-portal-inproc.h: the reference portal running in the test's process, on a thread
 *
 * For tests that install their own signers, which the shipped executable only takes as
 * key files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-portal-server.h"

G_BEGIN_DECLS

/* Called on the server's thread, after the demo seed and before it listens. */
typedef void (*PdTestServerSetup) (PdPortalServer *server,
                                   gpointer        user_data);

typedef struct _PdTestInProcess PdTestInProcess;

PdTestInProcess *pd_test_in_process_start   (PdTestServerSetup  setup,
                                             gpointer           user_data);
const char      *pd_test_in_process_get_url (PdTestInProcess   *self);
void             pd_test_in_process_stop    (PdTestInProcess   *self);

G_END_DECLS
