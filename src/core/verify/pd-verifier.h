/* pd-verifier.h: from a code to a verdict
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pd-code.h"
#include "pd-online-checker.h"
#include "pd-trust-store.h"
#include "pd-verdict.h"

G_BEGIN_DECLS

/* How far this computer's clock may be behind the trust data's newest time (the
 * portal's clock) before dates are no longer vouched for. */
#define PD_VERIFIER_CLOCK_SKEW_SECONDS (10 * 60)

#define PD_TYPE_VERIFIER (pd_verifier_get_type ())
G_DECLARE_FINAL_TYPE (PdVerifier, pd_verifier, PD, VERIFIER, GObject)

PdVerifier      *pd_verifier_new                (PdTrustStore        *trust_store);
PdTrustStore    *pd_verifier_get_trust_store    (PdVerifier          *self);
PdOnlineChecker *pd_verifier_get_online_checker (PdVerifier          *self);
void             pd_verifier_set_online_checker (PdVerifier          *self,
                                                 PdOnlineChecker     *checker);
PdVerdict       *pd_verifier_verify             (PdVerifier          *self,
                                                 PdCode              *code,
                                                 GDateTime           *now);
void             pd_verifier_verify_async       (PdVerifier          *self,
                                                 PdCode              *code,
                                                 GDateTime           *now,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
PdVerdict       *pd_verifier_verify_finish      (PdVerifier          *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
