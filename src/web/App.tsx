import { lazy, Suspense } from 'react';
import { createBrowserRouter, Route, RouterProvider, Routes } from 'react-router-dom';
import { AuthProvider } from './auth/AuthProvider';
import { RequireAuth } from './auth/RequireAuth';
import { RequirePermission } from './auth/RequirePermission';
import { AppLayout } from './components/AppLayout';
import { AppProviders } from './components/AppProviders';
import { NotFound } from './components/NoPermission';
import { PageLoading } from './components/PageLoading';

const LoginPage = lazy(() => import('./pages/login/LoginPage'));
const DashboardPage = lazy(() => import('./pages/dashboard/DashboardPage'));
const OrgsPage = lazy(() => import('./pages/orgs/OrgsPage'));
const UsersPage = lazy(() => import('./pages/users/UsersPage'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage'));
const HouseholdsPage = lazy(() => import('./pages/households/HouseholdsPage'));
const HouseholdFormPage = lazy(() => import('./pages/households/HouseholdFormPage'));
const HouseholdDetailPage = lazy(() => import('./pages/households/HouseholdDetailPage'));
const HouseholdImportPage = lazy(() => import('./pages/households/HouseholdImportPage'));
const AnnualReviewPage = lazy(() => import('./pages/households/AnnualReviewPage'));
const DuplicatesPage = lazy(() => import('./pages/households/DuplicatesPage'));
const ArchiveReportPage = lazy(() => import('./pages/households/ArchiveReportPage'));
const PoliciesPage = lazy(() => import('./pages/policies/PoliciesPage'));
const AccountPage = lazy(() => import('./pages/account/AccountPage'));
const FundsPage = lazy(() => import('./pages/funds/FundsPage'));
const ProgramsPage = lazy(() => import('./pages/programs/ProgramsPage'));
const ProgramFormPage = lazy(() => import('./pages/programs/ProgramFormPage'));
const ProgramDetailPage = lazy(() => import('./pages/programs/ProgramDetailPage'));
const DisbursementsPage = lazy(() => import('./pages/disbursements/DisbursementsPage'));
const DisbursementDetailPage = lazy(() => import('./pages/disbursements/DisbursementDetailPage'));
const ApplicationsPage = lazy(() => import('./pages/applications/ApplicationsPage'));
const ApplicationFormPage = lazy(() => import('./pages/applications/ApplicationFormPage'));
const ApplicationDetailPage = lazy(() => import('./pages/applications/ApplicationDetailPage'));
const ReviewQueuePage = lazy(() => import('./pages/applications/ReviewQueuePage'));
const StatisticsPage = lazy(() => import('./pages/statistics/StatisticsPage'));
const PublicityDetailPage = lazy(() => import('./pages/publicity/PublicityDetailPage'));
const PublicityListPage = lazy(() => import('./pages/publicity/PublicityListPage'));
const PublicNoticePage = lazy(() => import('./pages/publicity/PublicNoticePage'));

/**
 * A data router, so that a page can hold a navigation until the user confirms it (`useBlocker`: the
 * household form asks before unsaved entries are lost). The app's routes stay declared below as
 * descendant routes of one catch-all route.
 */
const router = createBrowserRouter([{ path: '*', element: <AppRoutes /> }]);

export function App() {
  return (
    <AppProviders>
      <RouterProvider router={router} />
    </AppProviders>
  );
}

function AppRoutes() {
  return (
    <AuthProvider>
      <Suspense fallback={<PageLoading fullscreen />}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          {/* 公示: the public notice opens without sign-in and without the app chrome. */}
          <Route path="/public/publicity/:token" element={<PublicNoticePage />} />
          <Route
            element={
              <RequireAuth>
                <AppLayout />
              </RequireAuth>
            }
          >
            <Route index element={<DashboardPage />} />
            <Route
              path="disbursements"
              element={
                <RequirePermission permission="disbursement.read">
                  <DisbursementsPage />
                </RequirePermission>
              }
            />
            <Route
              path="disbursements/:id"
              element={
                <RequirePermission permission="disbursement.read">
                  <DisbursementDetailPage />
                </RequirePermission>
              }
            />
            <Route
              path="households"
              element={
                <RequirePermission permission="household.read">
                  <HouseholdsPage />
                </RequirePermission>
              }
            />
            <Route
              path="households/new"
              element={
                <RequirePermission permission="household.write">
                  <HouseholdFormPage />
                </RequirePermission>
              }
            />
            <Route
              path="households/import"
              element={
                <RequirePermission permission="household.write">
                  <HouseholdImportPage />
                </RequirePermission>
              }
            />
            <Route
              path="households/annual-review"
              element={
                <RequirePermission permission="household.read">
                  <AnnualReviewPage />
                </RequirePermission>
              }
            />
            <Route
              path="households/duplicates"
              element={
                <RequirePermission permission="household.review">
                  <DuplicatesPage />
                </RequirePermission>
              }
            />
            <Route
              path="households/report"
              element={
                <RequirePermission permission="household.read">
                  <ArchiveReportPage />
                </RequirePermission>
              }
            />
            <Route
              path="households/:id/edit"
              element={
                <RequirePermission permission="household.write">
                  <HouseholdFormPage />
                </RequirePermission>
              }
            />
            <Route
              path="households/:id"
              element={
                <RequirePermission permission="household.read">
                  <HouseholdDetailPage />
                </RequirePermission>
              }
            />
            <Route
              path="policies"
              element={
                <RequirePermission permission="policy.read">
                  <PoliciesPage />
                </RequirePermission>
              }
            />
            <Route
              path="orgs"
              element={
                <RequirePermission permission="org.read">
                  <OrgsPage />
                </RequirePermission>
              }
            />
            <Route
              path="users"
              element={
                <RequirePermission permission="user.read">
                  <UsersPage />
                </RequirePermission>
              }
            />
            <Route
              path="audit"
              element={
                <RequirePermission permission="audit.read">
                  <AuditPage />
                </RequirePermission>
              }
            />
            <Route
              path="publicity"
              element={
                <RequirePermission permission="program.read">
                  <PublicityListPage />
                </RequirePermission>
              }
            />
            <Route
              path="publicity/:id"
              element={
                <RequirePermission permission="program.read">
                  <PublicityDetailPage />
                </RequirePermission>
              }
            />
            {/* 帮扶项目 (issue 6): funds, programs, applications, review, statistics */}
            <Route
              path="funds"
              element={
                <RequirePermission permission="fund.read">
                  <FundsPage />
                </RequirePermission>
              }
            />
            <Route
              path="programs"
              element={
                <RequirePermission permission="program.read">
                  <ProgramsPage />
                </RequirePermission>
              }
            />
            <Route
              path="programs/new"
              element={
                <RequirePermission permission="program.write">
                  <ProgramFormPage />
                </RequirePermission>
              }
            />
            <Route
              path="programs/:id/edit"
              element={
                <RequirePermission permission="program.write">
                  <ProgramFormPage />
                </RequirePermission>
              }
            />
            <Route
              path="programs/:id"
              element={
                <RequirePermission permission="program.read">
                  <ProgramDetailPage />
                </RequirePermission>
              }
            />
            <Route
              path="applications"
              element={
                <RequirePermission permission="application.read">
                  <ApplicationsPage />
                </RequirePermission>
              }
            />
            <Route
              path="applications/new"
              element={
                <RequirePermission permission="application.write">
                  <ApplicationFormPage />
                </RequirePermission>
              }
            />
            <Route
              path="applications/review"
              element={
                <RequirePermission permission="application.review">
                  <ReviewQueuePage />
                </RequirePermission>
              }
            />
            <Route
              path="applications/:id"
              element={
                <RequirePermission permission="application.read">
                  <ApplicationDetailPage />
                </RequirePermission>
              }
            />
            <Route
              path="aid-statistics"
              element={
                <RequirePermission permission="program.read">
                  <StatisticsPage />
                </RequirePermission>
              }
            />
            <Route path="account" element={<AccountPage />} />
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </Suspense>
    </AuthProvider>
  );
}
