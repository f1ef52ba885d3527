/* pd-sync-documents.c: the two notification PDFs of an approved case, kept with it
 *
 * Files go to <data dir>/documents/<case id>/ (folder 0700, files 0600: they name a
 * person); the case's documents record where they are and their sha256, so a copy
 * altered later can be told.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-sync"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "pd-core.h"
#include "pd-sync-engine-private.h"

typedef struct {
  PdCase           *item;
  char             *folder;
  guint             index;
  char             *sha256[2];
} DownloadOp;

static const struct {
  PdPortalDocument  document;
  const char       *kind;
  const char       *file;
} documents[2] = {
  { PD_PORTAL_DOCUMENT_NOTICE, "notice", "notice.pdf" },
  { PD_PORTAL_DOCUMENT_DECISION, "decision", "decision.pdf" },
};

static void
download_op_free (DownloadOp *op)
{
  g_clear_object (&op->item);
  g_free (op->folder);
  g_free (op->sha256[0]);
  g_free (op->sha256[1]);
  g_free (op);
}

static const char *
document_title (guint index)
{
  return index == 0 ? _("Notification Letter of Work Permit")
                    : _("Notification of Decision on Administrative Authorization");
}

static PdDocument *
find_or_add (PdCase     *item,
             const char *kind)
{
  GListModel *list = pd_case_get_documents (item);
  g_autoptr(PdDocument) added = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(PdDocument) document = g_list_model_get_item (list, i);

      if (g_strcmp0 (pd_document_get_kind (document), kind) == 0)
        return document;
    }
  added = pd_document_new ();
  pd_document_set_kind (added, kind);
  pd_case_add_document (item, added);
  return added;
}

/* Records both files in a copy of the listed case, written, then shown. */
static gboolean
record_documents (PdStore     *store,
                  DownloadOp  *op,
                  GError     **error)
{
  PdCase *listed = pd_case_list_lookup (PD_CASE_LIST (pd_store_get_cases (store)), pd_case_get_id (op->item));
  g_autoptr(PdCase) copy = pd_case_copy (listed != NULL ? listed : op->item);

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      PdDocument *document = find_or_add (copy, documents[i].kind);
      g_autofree char *path = g_build_filename (op->folder, documents[i].file, NULL);

      pd_document_set_title (document, document_title (i));
      pd_document_set_state (document, PD_DOCUMENT_STATE_PROVIDED);
      pd_document_set_file_path (document, path);
      pd_document_set_sha256 (document, op->sha256[i]);
    }
  if (!pd_store_begin (store, error))
    return FALSE;
  if (!pd_store_write_remote_cases (store, &copy, 1, error) || !pd_store_commit (store, error))
    {
      pd_store_rollback (store);
      return FALSE;
    }
  pd_store_publish_cases (store, &copy, 1);
  if (listed == NULL)
    pd_case_apply (op->item, copy);
  return TRUE;
}

static void download_next (GTask *task);

/* Both documents are fetched into ".part" files first and take their places together
 * only when both arrived, so a failure half-way never leaves a new file beside the old
 * one's recorded sha256. */
static char *
part_path (DownloadOp *op,
           guint       i)
{
  g_autofree char *name = g_strconcat (documents[i].file, ".part", NULL);

  return g_build_filename (op->folder, name, NULL);
}

static void
remove_parts (DownloadOp *op)
{
  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autofree char *path = part_path (op, i);

      g_unlink (path);
    }
}

static gboolean
install_parts (DownloadOp  *op,
               GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autofree char *from = part_path (op, i);
      g_autofree char *to = g_build_filename (op->folder, documents[i].file, NULL);

      if (g_rename (from, to) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not put the downloaded document in place (“%s”): %s"),
                       to, g_strerror (saved_errno));
          remove_parts (op);
          return FALSE;
        }
    }
  return TRUE;
}

static void
on_downloaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DownloadOp *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  op->sha256[op->index] = pd_portal_client_download_document_finish (PD_PORTAL_CLIENT (source), result, &error);
  if (op->sha256[op->index] == NULL)
    {
      remove_parts (op);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  op->index++;
  download_next (g_steal_pointer (&task));
}

static void
download_next (GTask *task)
{
  PdSyncEngine *self = g_task_get_source_object (task);
  DownloadOp *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (op->index >= G_N_ELEMENTS (documents))
    {
      if (!install_parts (op, &error) ||
          !record_documents (pd_sync_engine_get_store (self), op, &error))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  path = part_path (op, op->index);
  file = g_file_new_for_path (path);
  pd_portal_client_download_document_async (pd_sync_engine_get_client (self), pd_case_get_remote_id (op->item),
                                            documents[op->index].document, file,
                                            g_task_get_cancellable (task), on_downloaded_cb, task);
}

/* Owner-only folders, even when they existed with looser rights. */
static gboolean
make_private_folder (const char  *path,
                     GError     **error)
{
  if (g_mkdir_with_parents (path, 0700) != 0 || g_chmod (path, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s” for the documents: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* Downloads the Notice and the Decision of @item (a case the portal has approved)
 * and records them in its documents, saved. */
void
pd_sync_engine_download_documents_async (PdSyncEngine        *self,
                                         PdCase              *item,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task;
  DownloadOp *op;
  g_autofree char *documents_folder = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PD_IS_SYNC_ENGINE (self));
  g_return_if_fail (PD_IS_CASE (item));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_sync_engine_download_documents_async);
  if (pd_case_get_remote_id (item) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("This case is not on the portal yet. Synchronize, then download the documents."));
      g_object_unref (task);
      return;
    }

  op = g_new0 (DownloadOp, 1);
  op->item = g_object_ref (item);
  documents_folder = g_build_filename (pd_core_get_data_dir (), "documents", NULL);
  op->folder = g_build_filename (documents_folder, pd_case_get_id (item), NULL);
  g_task_set_task_data (task, op, (GDestroyNotify) download_op_free);
  if (!pd_core_ensure_data_dir (&error) || !make_private_folder (documents_folder, &error) ||
      !make_private_folder (op->folder, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  download_next (task);
}

gboolean
pd_sync_engine_download_documents_finish (PdSyncEngine  *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
