/* pd-sign-in-dialog.c: user name and password for the portal
 *
 * Stays open on a refusal and shows the portal's message, so the user can correct the
 * password; closes itself after "signed-in".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-sign-in-dialog.h"

struct _PdSignInDialog
{
  AdwWindow             parent_instance;

  PdPortalClient       *client;
  GCancellable         *cancellable;
  gboolean              busy;

  AdwPreferencesGroup  *group;
  AdwEntryRow          *user_row;
  AdwPasswordEntryRow  *password_row;
  GtkLabel             *error_label;
  GtkSpinner           *spinner;
};

G_DEFINE_FINAL_TYPE (PdSignInDialog, pd_sign_in_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_actions (PdSignInDialog *self)
{
  const char *user = gtk_editable_get_text (GTK_EDITABLE (self->user_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.sign-in",
                                 !self->busy && *user != '\0' && *password != '\0');
}

static void
set_busy (PdSignInDialog *self,
          gboolean        busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  update_actions (self);
}

static void
on_entry_changed_cb (PdSignInDialog *self)
{
  update_actions (self);
}

static void
on_signed_in_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PdSignInDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (pd_portal_client_sign_in_finish (PD_PORTAL_CLIENT (source), result, &error))
    {
      g_autoptr(GSettings) settings = g_settings_new ("org.example.PermitDesk");

      /* Remembered so that the next start restores this user's session. */
      g_settings_set_string (settings, "portal-user", pd_portal_client_get_user (PD_PORTAL_CLIENT (source)));
      g_signal_emit (self, signals[SIGNED_IN], 0);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  gtk_label_set_text (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PdSignInDialog *self = PD_SIGN_IN_DIALOG (widget);
  g_autofree char *user = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_row))));

  set_busy (self, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  pd_portal_client_sign_in_async (self->client, user,
                                  gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                                  self->cancellable, on_signed_in_cb, g_object_ref (self));
}

static void
on_password_activated_cb (PdSignInDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "sign-in.sign-in", NULL);
}

static void
pd_sign_in_dialog_dispose (GObject *object)
{
  PdSignInDialog *self = PD_SIGN_IN_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_SIGN_IN_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (pd_sign_in_dialog_parent_class)->dispose (object);
}

static void
pd_sign_in_dialog_class_init (PdSignInDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_sign_in_dialog_dispose;

  /* The portal accepted the user and password; the client holds the session. */
  signals[SIGNED_IN] = g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/PermitDesk/pd-sign-in-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdSignInDialog, group);
  gtk_widget_class_bind_template_child (widget_class, PdSignInDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, PdSignInDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, PdSignInDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PdSignInDialog, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_password_activated_cb);
  gtk_widget_class_install_action (widget_class, "sign-in.sign-in", NULL, sign_in_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pd_sign_in_dialog_init (PdSignInDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  update_actions (self);
}

PdSignInDialog *
pd_sign_in_dialog_new (GtkWindow      *parent,
                       PdPortalClient *client)
{
  PdSignInDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PD_IS_PORTAL_CLIENT (client), NULL);

  self = g_object_new (PD_TYPE_SIGN_IN_DIALOG, "transient-for", parent, NULL);
  self->client = g_object_ref (client);
  adw_preferences_group_set_description (self->group, pd_portal_client_get_base_url (client));
  return self;
}

/* Returns: (nullable): the message of the last refused sign-in while it is shown */
const char *
pd_sign_in_dialog_get_error (PdSignInDialog *self)
{
  g_return_val_if_fail (PD_IS_SIGN_IN_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_text (self->error_label);
}
